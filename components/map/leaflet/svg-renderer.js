// Leaflet 1.9.4's src/layer/vector/Renderer.getRenderer.js less its one use of the Canvas renderer: Leaflet's
// file imports Canvas (1.4 kB gzipped) for `preferCanvas`, an option the page never sets, so every path here is
// drawn by SVG, as with Leaflet's default. tests/unit/leaflet-entry.test.ts fails when Leaflet's file changes.
import { Map } from "leaflet/src/map/Map";
import { svg } from "leaflet/src/layer/vector/SVG";

Map.include({
  getRenderer: function (layer) {
    var renderer = layer.options.renderer || this._getPaneRenderer(layer.options.pane) || this.options.renderer || this._renderer;
    if (!renderer) {
      renderer = this._renderer = this._createRenderer();
    }
    if (!this.hasLayer(renderer)) {
      this.addLayer(renderer);
    }
    return renderer;
  },

  _getPaneRenderer: function (name) {
    if (name === "overlayPane" || name === undefined) {
      return false;
    }
    var renderer = this._paneRenderers[name];
    if (renderer === undefined) {
      renderer = this._createRenderer({ pane: name });
      this._paneRenderers[name] = renderer;
    }
    return renderer;
  },

  _createRenderer: function (options) {
    if (this.options.preferCanvas) throw new Error("preferCanvas: the page's Leaflet has no Canvas renderer (components/map/leaflet/)");
    return svg(options);
  },
});
