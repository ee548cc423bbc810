import { POPULATION_LABELS, POPULATIONS, SHARING_LABELS, SHARING_LEVELS, type Sharing } from '#app/features/accounts/schemas.ts'

/** One choice per population: what this side shares about it. */
export function SharingFields({ defaults, legend = 'What you share with this partner' }: { defaults?: Partial<Sharing>; legend?: string }) {
  return (
    <fieldset className="space-y-3">
      <legend className="label">{legend}</legend>
      <p className="text-xs text-slate-500">
        For each list, choose how much the partner may see of the accounts you both have. The stricter choice of the two of you applies to both sides. Accounts you do not share with them are never
        shown.
      </p>
      <div className="grid gap-3 sm:grid-cols-3">
        {POPULATIONS.map((p) => (
          <div key={p}>
            <label htmlFor={`share-${p}`} className="label">
              {POPULATION_LABELS[p]}
            </label>
            <select id={`share-${p}`} name={`share.${p}`} defaultValue={defaults?.[p] ?? 'counts'} className="input">
              {SHARING_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {SHARING_LABELS[l]}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
    </fieldset>
  )
}
