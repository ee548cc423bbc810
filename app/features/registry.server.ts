/**
 * Server-side registrations the process needs before it starts serving: outbox consumers
 * (registerConsumer) and socket.io handlers (onConnection). Each capability adds one import.
 */
import './referrals/register.server.ts'
import './search/register.server.ts'
import './cosell/cosell.server.ts'
import './listings/register.server.ts'
import './accounts/register.server.ts'
export {}
