import { describe, expect, it } from 'vitest'
import { TopicSchema } from '#app/features/community/schemas.ts'

describe('TopicSchema', () => {
  it('reads again what it parsed: the route parses a form, then the domain parses the route’s value', () => {
    const form = { kind: 'question', title: 'How do we run a workshop?', body: 'Any agenda?', skills: '', need: '' }
    const once = TopicSchema.parse(form)
    expect(TopicSchema.parse(once)).toEqual(once)
    const request = TopicSchema.parse({ kind: 'request', title: 'Need a Snowflake partner', body: 'For a retailer.', need: 'Snowflake migration', skills: 'Snowflake, dbt, Snowflake' })
    expect(request.skills).toEqual(['Snowflake', 'dbt'])
    expect(TopicSchema.parse(request).skills).toEqual(['Snowflake', 'dbt'])
  })
})
