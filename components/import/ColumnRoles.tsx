"use client";
// Each column of the file, two of its values, and what it becomes: one labelled select per column.
import { ROLES, type Mapping, type Role } from "@/lib/import/mapping/types";
import { ROLE_LABELS, showCell } from "./labels";

interface Props {
  columns: readonly string[];
  hxl?: (string | null)[];
  samples: unknown[][];
  mapping: Mapping;
  onRole: (column: string, role: Role) => void;
}

export default function ColumnRoles({ columns, hxl, samples, mapping, onRole }: Props) {
  return (
    <table className="mapping__columns">
      <caption>What each column becomes</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Values</th>
          <th scope="col">Becomes</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column, i) => (
          <tr key={`${i}:${column}`}>
            <th scope="row">
              {column}
              {hxl?.[i] ? <span className="muted"> {hxl[i]}</span> : null}
            </th>
            <td className="mapping__samples">
              {(samples[i] ?? []).length === 0 ? <span className="muted">empty</span> : (samples[i] ?? []).map((v) => showCell(v)).join(" · ")}
            </td>
            <td>
              <select aria-label={`Role of column ${column}`} value={Object.hasOwn(mapping.roles, column) ? mapping.roles[column] : "ignore"} onChange={(e) => onRole(column, e.target.value as Role)}>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role] ?? role}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
