"use client";
// A region files can be dropped on: they are handed to `onFiles` (the import), anything else is left to
// the browser.
import type { ReactNode } from "react";
import { prepareImports } from "./lazy";

export default function FileDrop({ className, onFiles, children }: { className: string; onFiles: (files: File[]) => void; children: ReactNode }) {
  return (
    <div
      className={className}
      onDragEnter={(e) => {
        if (e.dataTransfer.types.includes("Files")) prepareImports();
      }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes("Files")) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        onFiles([...e.dataTransfer.files]);
      }}
    >
      {children}
    </div>
  );
}
