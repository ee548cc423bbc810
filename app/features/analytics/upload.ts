import { z } from 'zod'

export const MAX_SNAPSHOT_BYTES = 50 * 1024 * 1024

/** The snapshot upload form: one .json file up to 50 MB. */
export const uploadSchema = z.object({
  snapshot: z
    .instanceof(File, { message: 'Choose a snapshot file (.json).' })
    .refine((f) => f.size > 0, 'The file is empty.')
    .refine((f) => f.size <= MAX_SNAPSHOT_BYTES, 'The file is larger than 50 MB.')
    .refine((f) => /\.json$/i.test(f.name) || f.type === 'application/json', 'The snapshot must be a .json file.'),
})
