"use client";
// Over the map: what the last framing left out ("3 far-off incidents not framed"), "Back to the previous
// view", and the place search.
import PlaceSearch from "../analysis/PlaceSearch";

interface Props {
  outliers: number;
  canGoBack: boolean;
  onBack: () => void;
  place: { coordinates: [number, number]; name: string } | null;
  onPlace: (coordinates: [number, number], name: string) => void;
  onMeasureFromPlace: () => void;
  measuringFromPlace: boolean;
}

export default function FrameBar(props: Props) {
  return (
    <div className="frame-bar">
      <PlaceSearch onPlace={props.onPlace} />
      {props.place && !props.measuringFromPlace && (
        <button type="button" className="secondary-button" onClick={props.onMeasureFromPlace}>
          Measure from here
        </button>
      )}
      {props.outliers > 0 && (
        <p className="muted" role="status" data-testid="frame-outliers">
          {props.outliers.toLocaleString("en")} far-off incident{props.outliers === 1 ? "" : "s"} not framed
        </p>
      )}
      {props.canGoBack && (
        <button type="button" className="secondary-button" onClick={props.onBack}>
          Back to the previous view
        </button>
      )}
    </div>
  );
}
