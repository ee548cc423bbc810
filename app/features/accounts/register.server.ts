import { env } from '../../env.server.ts'
import { logger } from '../../http/logger.server.ts'
import { resumeInterruptedImports } from './import.server.ts'

/** Every minute: restart account imports whose node died (claimed with SKIP LOCKED, so one node takes each). */
const holder = globalThis as { __peImportResumeTimer?: NodeJS.Timeout }
if (env().NODE_ENV !== 'test' && env().WORKERS && !holder.__peImportResumeTimer) {
  holder.__peImportResumeTimer = setInterval(() => {
    resumeInterruptedImports().catch((error) => logger.error({ err: error, job: 'account-import-resume' }, 'resuming interrupted imports failed'))
  }, 60_000)
  holder.__peImportResumeTimer.unref()
}
