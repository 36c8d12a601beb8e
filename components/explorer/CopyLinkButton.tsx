"use client";
// Copies the link to exactly this view (the URL already holds it).
import { useState } from "react";

export default function CopyLinkButton() {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied("done");
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): the address bar still has the link.
      setCopied("failed");
    }
    setTimeout(() => setCopied("idle"), 2500);
  };
  return (
    <button type="button" className="secondary-button" onClick={copy}>
      {copied === "done" ? "Link copied" : copied === "failed" ? "Copy the address bar" : "Copy link"}
    </button>
  );
}
