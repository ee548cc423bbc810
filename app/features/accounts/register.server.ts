import { every } from '../../http/workers.server.ts'
import { resumeInterruptedImports } from './import-resume.server.ts'

/** Every minute: restart account imports whose node died (claimed with SKIP LOCKED, so one node takes each). */
every('account-import-resume', 60_000, () => resumeInterruptedImports())
