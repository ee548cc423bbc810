import { z } from 'zod'
import { defineEvents } from '#app/core/events.ts'

/** The vendor's site settings (what registration asks, fee defaults, onboarding steps) can change public pages. */
export const settingsEvents = defineEvents({ 'vendor_settings.updated': z.object({ before: z.record(z.unknown()), after: z.record(z.unknown()) }) }, { publicPages: true })
