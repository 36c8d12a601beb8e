"use client";
// Says which parameters of the link the page could not read and left out, so that a shared link that
// shows more than it meant to is never silent. The link is the URL the page opened with: later URLs are
// the page's own, written without the parameters it dropped.
import { useSyncExternalStore } from "react";
import { describeDropped, readLink } from "@/lib/url/state";

let opened: string | undefined;
const droppedFromLink = () => (opened ??= describeDropped(readLink(window.location.search).dropped));
const nothing = () => "";
const noChanges = () => () => {};

export default function DroppedParams() {
  const text = useSyncExternalStore(noChanges, droppedFromLink, nothing);
  if (!text) return null;
  return (
    <p role="status" className="muted dropped-params">
      Ignored from the link: {text}
    </p>
  );
}
