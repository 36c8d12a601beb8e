// Leaflet for the page, built from its own ES modules (`leaflet/src`, shipped in the npm package) instead of the
// UMD `dist/leaflet-src.js`, which is one module and so always whole: next.config.js aliases `leaflet` to ./index.js
// in the browser. This is Leaflet's src/Leaflet.js and its folders' index.js less the files the page never uses
// (listed in tests/unit/leaflet-entry.test.ts, which holds this to the full build); their names are missing, so a
// bundled `import { Rectangle } from "leaflet"` fails the build. Types stay @types/leaflet's.
import { Control, control } from "leaflet/src/control/Control";
import { Zoom, zoom } from "leaflet/src/control/Control.Zoom";
import { Scale, scale } from "leaflet/src/control/Control.Scale";
import { Attribution, attribution } from "leaflet/src/control/Control.Attribution";

import Browser from "leaflet/src/core/Browser";
import { Class } from "leaflet/src/core/Class";
import { Evented, Events } from "leaflet/src/core/Events";
import { Handler } from "leaflet/src/core/Handler";
import * as Util from "leaflet/src/core/Util";

import { PosAnimation } from "leaflet/src/dom/PosAnimation";
import * as DomEvent from "leaflet/src/dom/DomEvent";
import * as DomUtil from "leaflet/src/dom/DomUtil";
import { Draggable } from "leaflet/src/dom/Draggable";

import { Point, toPoint as point } from "leaflet/src/geometry/Point";
import { Bounds, toBounds as bounds } from "leaflet/src/geometry/Bounds";
import { Transformation, toTransformation as transformation } from "leaflet/src/geometry/Transformation";
import * as LineUtil from "leaflet/src/geometry/LineUtil";
import * as PolyUtil from "leaflet/src/geometry/PolyUtil";

import { LatLng, toLatLng as latLng } from "leaflet/src/geo/LatLng";
import { LatLngBounds, toLatLngBounds as latLngBounds } from "leaflet/src/geo/LatLngBounds";
import { CRS } from "leaflet/src/geo/crs/CRS";
import { Earth } from "leaflet/src/geo/crs/CRS.Earth";
import { EPSG3857, EPSG900913 } from "leaflet/src/geo/crs/CRS.EPSG3857";

import { Layer } from "leaflet/src/layer/Layer";
import { LayerGroup, layerGroup } from "leaflet/src/layer/LayerGroup";
import { FeatureGroup, featureGroup } from "leaflet/src/layer/FeatureGroup";
import { GeoJSON, geoJSON, geoJson, geometryToLayer, coordsToLatLng, coordsToLatLngs, latLngToCoords, latLngsToCoords, getFeature, asFeature } from "leaflet/src/layer/GeoJSON";
import { DivOverlay } from "leaflet/src/layer/DivOverlay";
import { Popup, popup } from "leaflet/src/layer/Popup";
import { Tooltip, tooltip } from "leaflet/src/layer/Tooltip";
import { Icon, icon } from "leaflet/src/layer/marker/Icon";
import { IconDefault } from "leaflet/src/layer/marker/Icon.Default";
import { DivIcon, divIcon } from "leaflet/src/layer/marker/DivIcon";
import { Marker, marker } from "leaflet/src/layer/marker/Marker";
import { GridLayer, gridLayer } from "leaflet/src/layer/tile/GridLayer";
import { TileLayer, tileLayer } from "leaflet/src/layer/tile/TileLayer";
import { Renderer } from "leaflet/src/layer/vector/Renderer";
import { SVG, create, pointsToPath, svg } from "leaflet/src/layer/vector/SVG";
// Map#getRenderer, which every Path needs: ours, SVG only, in place of Leaflet's (which imports Canvas).
import "./svg-renderer.js";
import { Path } from "leaflet/src/layer/vector/Path";
import { CircleMarker, circleMarker } from "leaflet/src/layer/vector/CircleMarker";
import { Circle, circle } from "leaflet/src/layer/vector/Circle";
import { Polyline, polyline } from "leaflet/src/layer/vector/Polyline";
import { Polygon, polygon } from "leaflet/src/layer/vector/Polygon";

import { Map, createMap as map } from "leaflet/src/map/Map";
// Every handler a map has by default: each registers itself with Map.addInitHook when imported.
import { BoxZoom } from "leaflet/src/map/handler/Map.BoxZoom";
import { DoubleClickZoom } from "leaflet/src/map/handler/Map.DoubleClickZoom";
import { Drag } from "leaflet/src/map/handler/Map.Drag";
import { Keyboard } from "leaflet/src/map/handler/Map.Keyboard";
import { ScrollWheelZoom } from "leaflet/src/map/handler/Map.ScrollWheelZoom";
import { TapHold } from "leaflet/src/map/handler/Map.TapHold";
import { TouchZoom } from "leaflet/src/map/handler/Map.TouchZoom";

// The statics Leaflet's index files set, for the modules kept.
Control.Zoom = Zoom;
Control.Scale = Scale;
Control.Attribution = Attribution;
control.zoom = zoom;
control.scale = scale;
control.attribution = attribution;

CRS.Earth = Earth;
CRS.EPSG3857 = EPSG3857;
CRS.EPSG900913 = EPSG900913;

GeoJSON.geometryToLayer = geometryToLayer;
GeoJSON.coordsToLatLng = coordsToLatLng;
GeoJSON.coordsToLatLngs = coordsToLatLngs;
GeoJSON.latLngToCoords = latLngToCoords;
GeoJSON.latLngsToCoords = latLngsToCoords;
GeoJSON.getFeature = getFeature;
GeoJSON.asFeature = asFeature;

Icon.Default = IconDefault;

SVG.create = create;
SVG.pointsToPath = pointsToPath;

Map.BoxZoom = BoxZoom;
Map.DoubleClickZoom = DoubleClickZoom;
Map.Drag = Drag;
Map.Keyboard = Keyboard;
Map.ScrollWheelZoom = ScrollWheelZoom;
Map.TapHold = TapHold;
Map.TouchZoom = TouchZoom;

const Mixin = { Events };
const { extend, bind, stamp, setOptions } = Util;

export {
  Control, control,
  Browser, Class, Evented, Mixin, Handler, Util, extend, bind, stamp, setOptions,
  PosAnimation, DomEvent, DomUtil, Draggable,
  Point, point, Bounds, bounds, Transformation, transformation, LineUtil, PolyUtil,
  LatLng, latLng, LatLngBounds, latLngBounds, CRS,
  Layer, LayerGroup, layerGroup, FeatureGroup, featureGroup, GeoJSON, geoJSON, geoJson,
  DivOverlay, Popup, popup, Tooltip, tooltip,
  Icon, icon, DivIcon, divIcon, Marker, marker,
  GridLayer, gridLayer, TileLayer, tileLayer,
  Renderer, SVG, svg, Path, CircleMarker, circleMarker, Circle, circle, Polyline, polyline, Polygon, polygon,
  Map, map,
};
