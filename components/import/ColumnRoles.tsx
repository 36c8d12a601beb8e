"use client";
// Each column of the file, two of its values, and what it becomes: one labelled select per column; when
// several column pairs could give the position, one select chooses the pair.
import { rolesForPosition } from "@/lib/import/mapping/positions";
import { COLUMN_ROLES, type Mapping, type PositionPair, type ColumnRole } from "@/lib/import/mapping/types";
import { ROLE_LABELS, showCell } from "./labels";

interface Props {
  columns: readonly string[];
  hxl?: (string | null)[];
  samples: unknown[][];
  mapping: Mapping;
  onRole: (column: string, role: ColumnRole) => void;
  /** Column pairs that could give the position (the proposal's), and how to set several roles at once. */
  positions?: readonly PositionPair[];
  onRoles?: (roles: Record<string, ColumnRole>) => void;
}

export default function ColumnRoles({ columns, hxl, samples, mapping, onRole, positions, onRoles }: Props) {
  const chosen = positions?.findIndex((p) => mapping.roles[p.latitude] === "latitude" && mapping.roles[p.longitude] === "longitude") ?? -1;
  return (
    <>
      {positions && positions.length > 1 && onRoles && (
        <p className="mapping__positions">
          <label htmlFor="mapping-position">Position from</label>{" "}
          <select id="mapping-position" value={String(chosen)} onChange={(e) => onRoles(rolesForPosition(mapping, positions[Number(e.target.value)]))}>
            {chosen === -1 && <option value="-1">the columns chosen below</option>}
            {positions.map((p, i) => (
              <option key={JSON.stringify([p.latitude, p.longitude])} value={String(i)}>
                {p.latitude} / {p.longitude}
              </option>
            ))}
          </select>
        </p>
      )}
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
              <select aria-label={`ColumnRole of column ${column}`} value={Object.hasOwn(mapping.roles, column) ? mapping.roles[column] : "ignore"} onChange={(e) => onRole(column, e.target.value as ColumnRole)}>
                {COLUMN_ROLES.map((role) => (
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
    </>
  );
}
