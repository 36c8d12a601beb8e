"use client";
// Says which parameters of the link the page could not read and left out, so that a shared link that
// shows more than it meant to is never silent. Reads the URL once, at mount: later URLs are the page's own.
import { useEffect, useState } from "react";
import { describeDropped, readLink } from "@/lib/url/state";

export default function DroppedParams() {
  const [text, setText] = useState("");
  useEffect(() => setText(describeDropped(readLink(window.location.search).dropped)), []);
  if (!text) return null;
  return (
    <p role="status" className="muted dropped-params">
      Ignored from the link: {text}
    </p>
  );
}
