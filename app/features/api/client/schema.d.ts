/**
 * Generated from /api/v1/openapi.json by `npm run api:types`. Do not edit: a test fails when it is stale.
 */

export interface paths {
  '/api/v1/listings': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List listings
     * @description Every published listing of an active partner, and all of your organization's own listings (drafts included), oldest change first.
     *
     *     Scope: `listings:read` (or `listings:write`).
     */
    get: {
      parameters: {
        query?: {
          cursor?: string
          limit?: number
          updated_since?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ListingList']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/referrals': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List referrals
     * @description The referrals your organization sent or received (the vendor: all of them), oldest change first. Use updated_since and cursors to sync.
     *
     *     Scope: `referrals:read` (or `referrals:write`).
     */
    get: {
      parameters: {
        query?: {
          cursor?: string
          limit?: number
          updated_since?: string
          status?: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ReferralList']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /**
     * Refer a customer to a partner
     * @description The same submission as the "Refer a customer" form: the same checks, conflict rules and fee terms. Send an Idempotency-Key to retry safely.
     *
     *     Scope: `referrals:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'Idempotency-Key'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateReferral']
        }
      }
      responses: {
        /** @description OK */
        201: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Referral']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/referrals/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Retrieve a referral
     * @description A referral your organization is a party to; any other answers 404.
     *
     *     Scope: `referrals:read` (or `referrals:write`).
     */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            /** @description The version of this resource: send it in If-Match with an update. */
            ETag?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Referral']
          }
        }
        /** @description Not modified: If-None-Match named the current ETag. */
        304: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/referrals/{id}/status': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Accept, decline, start, win or lose a referral
     * @description The receiving partner answers and works the referral, with the same rules as its page. Send the ETag of your last read in If-Match to be sure nobody changed it since (412 if they did).
     *
     *     Scope: `referrals:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'If-Match'?: string
          'Idempotency-Key'?: string
        }
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['ReferralStatusChange']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            /** @description The version of this resource: send it in If-Match with an update. */
            ETag?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Referral']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description If-Match named an ETag that is no longer current: the resource changed since you read it (currentEtag). */
        412: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/referrals/{id}/messages': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List a referral's messages
     * @description The conversation between the two partners (and the vendor when invited), oldest first.
     *
     *     Scope: `referrals:read` (or `referrals:write`).
     */
    get: {
      parameters: {
        query?: {
          cursor?: string
          limit?: number
        }
        header?: never
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['MessageList']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /**
     * Post a message on a referral
     * @description Everyone in the conversation sees it live and is notified as for a message posted on the page.
     *
     *     Scope: `referrals:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'Idempotency-Key'?: string
        }
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['PostMessage']
        }
      }
      responses: {
        /** @description OK */
        201: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Message']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/cosell': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List co-sell opportunities
     * @description The co-sells your organization opened, is invited to or works on (the vendor's team: all of them), oldest change first.
     *
     *     Scope: `cosell:read` (or `cosell:write`).
     */
    get: {
      parameters: {
        query?: {
          cursor?: string
          limit?: number
          updated_since?: string
          stage?: 'prospect' | 'qualified' | 'technical_validation' | 'business_validation' | 'committed' | 'won' | 'lost'
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CosellList']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /**
     * Open a co-sell opportunity
     * @description The same as "Open a co-sell" in the app, optionally inviting up to 10 partners at once.
     *
     *     Scope: `cosell:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'Idempotency-Key'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateCosell']
        }
      }
      responses: {
        /** @description OK */
        201: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Cosell']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/cosell/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Retrieve a co-sell opportunity
     * @description For its owner, its invited and working partners and the vendor; anyone else gets 404.
     *
     *     Scope: `cosell:read` (or `cosell:write`).
     */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            /** @description The version of this resource: send it in If-Match with an update. */
            ETag?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Cosell']
          }
        }
        /** @description Not modified: If-None-Match named the current ETag. */
        304: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/cosell/{id}/invitations': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Invite a partner to a co-sell
     * @description Only the organization that opened it, while it is open.
     *
     *     Scope: `cosell:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'If-Match'?: string
          'Idempotency-Key'?: string
        }
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['InviteToCosell']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            /** @description The version of this resource: send it in If-Match with an update. */
            ETag?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Cosell']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description If-Match named an ETag that is no longer current: the resource changed since you read it (currentEtag). */
        412: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/cosell/{id}/stage': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Change a co-sell's stage
     * @description The owner and the partners working it. Send If-Match with the ETag of your last read to avoid overwriting a newer stage.
     *
     *     Scope: `cosell:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'If-Match'?: string
          'Idempotency-Key'?: string
        }
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['CosellStageChange']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            /** @description The version of this resource: send it in If-Match with an update. */
            ETag?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Cosell']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description If-Match named an ETag that is no longer current: the resource changed since you read it (currentEtag). */
        412: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/cosell/{id}/response': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Accept or decline a co-sell invitation
     * @description Only an invited partner, once.
     *
     *     Scope: `cosell:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'Idempotency-Key'?: string
        }
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['CosellResponse']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CosellParticipation']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/opportunities/{externalId}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Retrieve a vendor opportunity by its CRM id (the vendor's keys)
     * @description Scope: `opportunities:read` (or `opportunities:write`).
     */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          externalId: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            /** @description The version of this resource: send it in If-Match with an update. */
            ETag?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['VendorOpportunity']
          }
        }
        /** @description Not modified: If-None-Match named the current ETag. */
        304: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /**
     * Create or update a vendor opportunity by its CRM id (the vendor's keys)
     * @description Keeps the vendor's pipeline current from its CRM: stage, amount, close date and the partners that touched the deal. Answers 201 when it created the opportunity, 200 when it updated it. See /docs/crm-sync for the Salesforce and HubSpot field mapping.
     *
     *     Scope: `opportunities:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'If-Match'?: string
          'Idempotency-Key'?: string
        }
        path: {
          externalId: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['UpsertOpportunity']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            /** @description The version of this resource: send it in If-Match with an update. */
            ETag?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['VendorOpportunity']
          }
        }
        /** @description Created */
        201: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            /** @description The version of this resource: send it in If-Match with an update. */
            ETag?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['VendorOpportunity']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description If-Match named an ETag that is no longer current: the resource changed since you read it (currentEtag). */
        412: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/accounts/bulk': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Upsert or delete accounts in bulk (CSV or JSON lines, streamed)
     * @description Your organization's account list, keyed by web domain: the same import as the Accounts page. action=upsert (default) or delete; mode=strict (default: any bad row refuses everything, 422 with rowErrors) or skip (bad rows reported in errors, the rest written).
     *
     *     Scope: `accounts:write`.
     */
    post: {
      parameters: {
        query?: {
          action?: 'upsert' | 'delete'
          mode?: 'strict' | 'skip'
        }
        header?: {
          'Idempotency-Key'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'text/csv': string
          'application/x-ndjson': string
          'application/jsonl': string
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['AccountBulkResult']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is not one of the media types this endpoint reads. */
        415: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/partners': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List the partner directory
     * @description Every active partner with its public profile fields (as /partners shows them), oldest change first; use updated_since and cursors to sync. Applicants, rejected and suspended partners are never listed, and nothing private is. The program standing (track, approved and qualified tier, pending proposal, grace period, every requirement's measured value and gap) is included only where the key may see it: the vendor's keys for every partner, a partner's key for its own organization only; on the other items `standing` is absent.
     *
     *     Scope: `partners:read` (or `partners:write`).
     */
    get: {
      parameters: {
        query?: {
          cursor?: string
          limit?: number
          updated_since?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['PartnerList']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/partners/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Retrieve a partner from the directory
     * @description One active partner with its public profile fields, and its program standing where the key may see it (the vendor's keys: any partner; a partner's key: its own organization only; otherwise `standing` is absent). An id that is not an active partner (applicant, rejected, suspended, the vendor, unknown) answers 404.
     *
     *     Scope: `partners:read` (or `partners:write`).
     */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            /** @description The version of this resource: send it in If-Match with an update. */
            ETag?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Partner']
          }
        }
        /** @description Not modified: If-None-Match named the current ETag. */
        304: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/community/spaces': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List community spaces
     * @description Every space of the partner community your organization sees, as /community lists them: spaces open to all partners, private spaces it is invited to, segment spaces whose partner types, tiers and regions match it (the vendor's team: all, vendor-only ones included). One page.
     *
     *     Scope: `community:read` (or `community:write`).
     */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunitySpaceList']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/community/topics': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List community topics
     * @description The topics of every space your organization sees, oldest change first; use updated_since and cursors to sync. As in the spaces' lists: published topics, and the held ones of the key's creator (the vendor's team: all). A topic hidden by the moderators leaves the list; retrieving it answers it with state hidden and an empty body.
     *
     *     Scope: `community:read` (or `community:write`).
     */
    get: {
      parameters: {
        query?: {
          cursor?: string
          limit?: number
          updated_since?: string
          space?: string
          tag?: string
          kind?: 'discussion' | 'question' | 'request'
          answered?: 'true' | 'false'
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunityTopicList']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /**
     * Start a community topic
     * @description The same write as the site's New topic form, with its rules: the space must be one your organization sees (else 404), suspended partners and people suspended from the space cannot post (403), at most 10 mentions, and a post over the posting rate or with a spam signal is held for the moderators (answered 201 with state held). It is posted as the key's creator, for your organization. Send an Idempotency-Key to retry safely.
     *
     *     Scope: `community:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'Idempotency-Key'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateCommunityTopic']
        }
      }
      responses: {
        /** @description OK */
        201: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunityTopicDetail']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/community/topics/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Retrieve a community topic with its replies
     * @description A topic in a space your organization sees, as its page shows it, with one page of replies (20, oldest first; replies.nextCursor for the next). Anything else, including a topic held for review that is not the key creator’s, answers 404.
     *
     *     Scope: `community:read` (or `community:write`).
     */
    get: {
      parameters: {
        query?: {
          cursor?: string
        }
        header?: never
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            /** @description The version of this resource: send it in If-Match with an update. */
            ETag?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunityTopicDetail']
          }
        }
        /** @description Not modified: If-None-Match named the current ETag. */
        304: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/community/topics/{id}/replies': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Reply to a community topic
     * @description The same write as the topic page's reply box, with its rules (locked topic: 409; suspended: 403; mentions, posting rate and spam hold as on the site). Posted as the key's creator, for your organization. Send an Idempotency-Key to retry safely.
     *
     *     Scope: `community:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'Idempotency-Key'?: string
        }
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateCommunityReply']
        }
      }
      responses: {
        /** @description OK */
        201: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunityReply']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/community/replies/{id}/reactions': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * React to a community reply
     * @description The reaction bar's own write, as the key's creator: gives the reaction (a repeat changes nothing). The reply must be published in a topic your organization sees (else 404); reacting to your own reply is 409; a suspended partner gets 403. Answers the reply's reaction counts. Send an Idempotency-Key to retry safely.
     *
     *     Scope: `community:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'Idempotency-Key'?: string
        }
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['CommunityReactionBody']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunityReactions']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/community/replies/{id}/reactions/{reaction}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /**
     * Take back a reaction to a community reply
     * @description Removes the key creator's reaction of that kind (nothing changes when there is none), with the same rules as giving it. Answers the reply's reaction counts.
     *
     *     Scope: `community:write`.
     */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: string
          reaction: 'thumbs_up' | 'heart' | 'tada' | 'bulb'
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunityReactions']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/community/spaces/{space}/follow': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Follow a community space
     * @description The space page's Follow button, as the key's creator: they are notified of its new topics as the site does (a repeat changes nothing). A space your organization does not see answers 404. Send an Idempotency-Key to retry safely.
     *
     *     Scope: `community:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'Idempotency-Key'?: string
        }
        path: {
          space: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunityFollow']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    /**
     * Stop following a community space
     * @description Scope: `community:write`.
     */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          space: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunityFollow']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/community/topics/{id}/follow': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Follow a community topic
     * @description The topic page's Follow button, as the key's creator: they are notified of its replies as the site does (a repeat changes nothing). A topic your organization does not see answers 404. Send an Idempotency-Key to retry safely.
     *
     *     Scope: `community:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'Idempotency-Key'?: string
        }
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunityFollow']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    /**
     * Stop following a community topic
     * @description Scope: `community:write`.
     */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunityFollow']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/community/topics/{id}/accepted-answer': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Accept a reply as a question's answer
     * @description The topic page's Accept answer button: only the question's asker (the key's creator) or the vendor's team may accept (else 403); choosing another reply replaces the accepted one; a discussion, or the reply already accepted, is 409; a reply that is not a published reply of this topic is 400 naming replyId. Answers the topic. Send an Idempotency-Key to retry safely.
     *
     *     Scope: `community:write`.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          'Idempotency-Key'?: string
        }
        path: {
          id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['AcceptCommunityAnswer']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommunityTopicDetail']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Not found, or not visible to your organization. */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running. */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The body is larger than 1 MiB. */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written. */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/analytics/summary': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Ecosystem analytics summary (the vendor)
     * @description The summary document of /docs/metrics for the vendor's team; partners' keys get 403. Also answers a signed-in session.
     *
     *     Scope: `analytics:read` (or `analytics:write`).
     */
    get: {
      parameters: {
        query: {
          from: string
          to: string
          type?: string
          tier?: string
          region?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Requests per minute of the tighter limit: per key, or per organization (all its keys). */
            'RateLimit-Limit'?: number
            /** @description Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`. */
            'RateLimit-Policy'?: string
            /** @description Requests left in this window. */
            'RateLimit-Remaining'?: number
            /** @description Seconds until the window resets. */
            'RateLimit-Reset'?: number
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['AnalyticsSummary']
          }
        }
        /** @description Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors). */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description No key, or a key that is not valid, revoked or expired. */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing). */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt. */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/search': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Search the marketplace
     * @description Public and read-only: no key needed. Parameters: q, kind, type, tier, region, industry, category (repeatable), sort, page, perPage (at most 100). Unknown parameters answer 400.
     */
    get: {
      parameters: {
        query?: {
          q?: string
          page?: string
          perPage?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description Results */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['SearchResults']
          }
        }
        /** @description Bad parameters. */
        400: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description Search is temporarily unavailable; see Retry-After. */
        503: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export interface webhooks {
  'referral.submitted': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * referral.submitted
     * @description A partner sent a referral (to the receiving partner, the sender and the vendor).
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "referral.submitted",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "referral",
           *         "fromOrgId": "org_northwind01",
           *         "toOrgId": "org_bluepeak0001",
           *         "accountName": "Globex Corporation",
           *         "fromOrgName": "Northwind Systems",
           *         "toOrgName": "BluePeak Consulting",
           *         "accountDomain": "globex.example.com",
           *         "estimatedValue": "example"
           *       }
           *     }
           */
          'application/json': components['schemas']['ReferralSubmittedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'referral.accepted': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * referral.accepted
     * @description The receiving partner accepted a referral.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "referral.accepted",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "referral",
           *         "fromOrgId": "org_northwind01",
           *         "toOrgId": "org_bluepeak0001",
           *         "accountName": "Globex Corporation",
           *         "from": "accepted",
           *         "to": "accepted",
           *         "actorOrgName": "Northwind Systems",
           *         "reason": "The customer chose to wait until next quarter.",
           *         "expired": false,
           *         "wonAmount": "example",
           *         "fee": "example"
           *       }
           *     }
           */
          'application/json': components['schemas']['ReferralAcceptedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'referral.declined': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * referral.declined
     * @description The receiving partner declined a referral, or it expired unanswered (`expired: true`).
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "referral.declined",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "referral",
           *         "fromOrgId": "org_northwind01",
           *         "toOrgId": "org_bluepeak0001",
           *         "accountName": "Globex Corporation",
           *         "from": "accepted",
           *         "to": "accepted",
           *         "actorOrgName": "Northwind Systems",
           *         "reason": "The customer chose to wait until next quarter.",
           *         "expired": false,
           *         "wonAmount": "example",
           *         "fee": "example"
           *       }
           *     }
           */
          'application/json': components['schemas']['ReferralDeclinedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'referral.in_progress': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * referral.in_progress
     * @description A referral is being worked.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "referral.in_progress",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "referral",
           *         "fromOrgId": "org_northwind01",
           *         "toOrgId": "org_bluepeak0001",
           *         "accountName": "Globex Corporation",
           *         "from": "accepted",
           *         "to": "accepted",
           *         "actorOrgName": "Northwind Systems",
           *         "reason": "The customer chose to wait until next quarter.",
           *         "expired": false,
           *         "wonAmount": "example",
           *         "fee": "example"
           *       }
           *     }
           */
          'application/json': components['schemas']['ReferralInProgressWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'referral.won': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * referral.won
     * @description A referral was won, with the won amount and the fee due.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "referral.won",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "referral",
           *         "fromOrgId": "org_northwind01",
           *         "toOrgId": "org_bluepeak0001",
           *         "accountName": "Globex Corporation",
           *         "from": "accepted",
           *         "to": "accepted",
           *         "actorOrgName": "Northwind Systems",
           *         "reason": "The customer chose to wait until next quarter.",
           *         "expired": false,
           *         "wonAmount": "example",
           *         "fee": "example"
           *       }
           *     }
           */
          'application/json': components['schemas']['ReferralWonWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'referral.lost': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * referral.lost
     * @description A referral was lost.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "referral.lost",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "referral",
           *         "fromOrgId": "org_northwind01",
           *         "toOrgId": "org_bluepeak0001",
           *         "accountName": "Globex Corporation",
           *         "from": "accepted",
           *         "to": "accepted",
           *         "actorOrgName": "Northwind Systems",
           *         "reason": "The customer chose to wait until next quarter.",
           *         "expired": false,
           *         "wonAmount": "example",
           *         "fee": "example"
           *       }
           *     }
           */
          'application/json': components['schemas']['ReferralLostWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'fee.paid': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * fee.paid
     * @description The payer marked a referral fee paid (to the payer and the payee).
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "fee.paid",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "fee",
           *         "feeId": "fee_7c2e9a41b3d5",
           *         "amount": "example",
           *         "reference": "INV-2026-0042",
           *         "fromOrgId": "org_northwind01",
           *         "toOrgId": "org_bluepeak0001"
           *       }
           *     }
           */
          'application/json': components['schemas']['FeePaidWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'fee.confirmed': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * fee.confirmed
     * @description The payee confirmed it received a referral fee.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "fee.confirmed",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "fee",
           *         "feeId": "fee_7c2e9a41b3d5",
           *         "amount": "example",
           *         "fromOrgId": "org_northwind01",
           *         "toOrgId": "org_bluepeak0001"
           *       }
           *     }
           */
          'application/json': components['schemas']['FeeConfirmedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'cosell.invited': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * cosell.invited
     * @description A partner was invited to co-sell an opportunity.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "cosell.invited",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "opportunity",
           *         "opportunityId": "oppo_7c2e9a41b3d5",
           *         "invitedOrgId": "org_contoso00001",
           *         "role": "technology",
           *         "accountName": "Globex Corporation",
           *         "invitedByOrgName": "Northwind Systems",
           *         "message": "The customer chose to wait until next quarter."
           *       }
           *     }
           */
          'application/json': components['schemas']['CosellInvitedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'cosell.accepted': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * cosell.accepted
     * @description An invited partner joined a co-sell opportunity.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "cosell.accepted",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "opportunity",
           *         "opportunityId": "oppo_7c2e9a41b3d5",
           *         "participantOrgId": "org_contoso00001",
           *         "participantOrgName": "Northwind Systems",
           *         "status": "accepted",
           *         "ownerOrgId": "org_northwind01",
           *         "accountName": "Globex Corporation"
           *       }
           *     }
           */
          'application/json': components['schemas']['CosellAcceptedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'cosell.declined': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * cosell.declined
     * @description An invited partner declined a co-sell opportunity.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "cosell.declined",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "opportunity",
           *         "opportunityId": "oppo_7c2e9a41b3d5",
           *         "participantOrgId": "org_contoso00001",
           *         "participantOrgName": "Northwind Systems",
           *         "status": "accepted",
           *         "ownerOrgId": "org_northwind01",
           *         "accountName": "Globex Corporation"
           *       }
           *     }
           */
          'application/json': components['schemas']['CosellDeclinedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'cosell.stage_changed': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * cosell.stage_changed
     * @description A co-sell opportunity moved to another stage.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "cosell.stage_changed",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "opportunity",
           *         "opportunityId": "oppo_7c2e9a41b3d5",
           *         "fromStage": "qualified",
           *         "toStage": "qualified"
           *       }
           *     }
           */
          'application/json': components['schemas']['CosellStageChangedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'listing.published': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * listing.published
     * @description The vendor approved a listing (to the listing's owner and the vendor).
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "listing.published",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "listing",
           *         "slug": "northwind-systems",
           *         "kind": "example",
           *         "version": 150000,
           *         "title": "Data platform migration",
           *         "note": "The customer chose to wait until next quarter.",
           *         "submittedBy": "example"
           *       }
           *     }
           */
          'application/json': components['schemas']['ListingPublishedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'listing.rejected': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * listing.rejected
     * @description The vendor sent a listing back, with the reason.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "listing.rejected",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "listing",
           *         "slug": "northwind-systems",
           *         "kind": "example",
           *         "version": 150000,
           *         "title": "Data platform migration",
           *         "reason": "The customer chose to wait until next quarter.",
           *         "submittedBy": "example"
           *       }
           *     }
           */
          'application/json': components['schemas']['ListingRejectedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'endorsement.created': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * endorsement.created
     * @description A partner endorsed another after working a referral together.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "endorsement.created",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "referral",
           *         "rating": 5,
           *         "toOrgId": "org_bluepeak0001",
           *         "fromOrgName": "Northwind Systems",
           *         "accountName": "Globex Corporation"
           *       }
           *     }
           */
          'application/json': components['schemas']['EndorsementCreatedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'registration.approved': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * registration.approved
     * @description The vendor approved a partner's deal registration, with the date its protection ends (to that partner).
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "registration.approved",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "deal_registration",
           *         "registrationId": "regi_7c2e9a41b3d5",
           *         "orgId": "org_contoso00001",
           *         "orgName": "Northwind Systems",
           *         "accountName": "Globex Corporation",
           *         "protectedUntil": "example",
           *         "opportunityId": "oppo_7c2e9a41b3d5",
           *         "reason": "The customer chose to wait until next quarter."
           *       }
           *     }
           */
          'application/json': components['schemas']['RegistrationApprovedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'registration.rejected': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * registration.rejected
     * @description The vendor rejected a partner's deal registration, with the reason (to that partner).
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "registration.rejected",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "deal_registration",
           *         "registrationId": "regi_7c2e9a41b3d5",
           *         "orgId": "org_contoso00001",
           *         "orgName": "Northwind Systems",
           *         "accountName": "Globex Corporation",
           *         "reason": "The customer chose to wait until next quarter."
           *       }
           *     }
           */
          'application/json': components['schemas']['RegistrationRejectedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'registration.revoked': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * registration.revoked
     * @description The vendor revoked its approval of a partner's deal registration, with the reason; its opportunity no longer counts as sourced by the partner (to that partner).
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "registration.revoked",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "deal_registration",
           *         "registrationId": "regi_7c2e9a41b3d5",
           *         "orgId": "org_contoso00001",
           *         "orgName": "Northwind Systems",
           *         "accountName": "Globex Corporation",
           *         "reason": "The customer chose to wait until next quarter.",
           *         "opportunityId": "oppo_7c2e9a41b3d5",
           *         "previousStage": "example"
           *       }
           *     }
           */
          'application/json': components['schemas']['RegistrationRevokedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'program.tier_changed': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * program.tier_changed
     * @description The vendor's team changed a partner's tier, approving the evaluation's proposal or overriding it with a reason (to that partner).
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "program.tier_changed",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "organization",
           *         "orgId": "org_contoso00001",
           *         "orgName": "Northwind Systems",
           *         "trackId": "trac_7c2e9a41b3d5",
           *         "trackName": "Data platform migration",
           *         "fromTierId": "from_7c2e9a41b3d5",
           *         "fromTierName": "Data platform migration",
           *         "toTierId": "toti_7c2e9a41b3d5",
           *         "toTierName": "Data platform migration",
           *         "kind": "override",
           *         "reason": "The customer chose to wait until next quarter."
           *       }
           *     }
           */
          'application/json': components['schemas']['ProgramTierChangedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'community.topic_created': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * community.topic_created
     * @description A topic was published in a community space. Sent to an endpoint only when its organization sees the space when the message is sent (the rule of the pages and the API: a private space, its invited organizations; a vendor-only space, the vendor; a segment space, the partners it matches), and never for a post held for review or hidden by the moderators.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "community.topic_created",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "community_topic",
           *         "space": {
           *           "id": "ref_8f3k2m1q9x7w",
           *           "slug": "northwind-systems",
           *           "name": "Data platform migration"
           *         },
           *         "kind": "question",
           *         "title": "Data platform migration",
           *         "body": "example",
           *         "tags": [
           *           "example"
           *         ],
           *         "state": "held",
           *         "pinned": false,
           *         "locked": false,
           *         "answered": false,
           *         "acceptedReplyId": "acce_7c2e9a41b3d5",
           *         "replyCount": 48,
           *         "request": {
           *           "need": "example",
           *           "region": "example",
           *           "industry": "example",
           *           "skills": [
           *             "example"
           *           ],
           *           "deadline": "example"
           *         },
           *         "author": {
           *           "name": "Data platform migration",
           *           "orgId": "org_contoso00001",
           *           "orgName": "Northwind Systems"
           *         },
           *         "createdAt": "example",
           *         "editedAt": "example",
           *         "lastActivityAt": "example",
           *         "updatedAt": "example"
           *       }
           *     }
           */
          'application/json': components['schemas']['CommunityTopicCreatedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'community.reply_posted': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * community.reply_posted
     * @description A reply was published in a community topic; `data` is the reply with its `topic`. Sent to an endpoint only when its organization sees the space when the message is sent (the rule of the pages and the API: a private space, its invited organizations; a vendor-only space, the vendor; a segment space, the partners it matches), and never for a post held for review or hidden by the moderators.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "community.reply_posted",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "community_reply",
           *         "topicId": "topi_7c2e9a41b3d5",
           *         "body": "example",
           *         "bodyHtml": "example",
           *         "state": "held",
           *         "author": {
           *           "name": "Data platform migration",
           *           "orgId": "org_contoso00001",
           *           "orgName": "Northwind Systems"
           *         },
           *         "createdAt": "example",
           *         "editedAt": "example",
           *         "topic": {
           *           "id": "ref_8f3k2m1q9x7w",
           *           "object": "community_topic",
           *           "space": {
           *             "id": "ref_8f3k2m1q9x7w",
           *             "slug": "northwind-systems",
           *             "name": "Data platform migration"
           *           },
           *           "kind": "question",
           *           "title": "Data platform migration",
           *           "body": "example",
           *           "tags": [
           *             "example"
           *           ],
           *           "state": "held",
           *           "pinned": false,
           *           "locked": false,
           *           "answered": false,
           *           "acceptedReplyId": "acce_7c2e9a41b3d5",
           *           "replyCount": 48,
           *           "request": {
           *             "need": "example",
           *             "region": "example",
           *             "industry": "example",
           *             "skills": [
           *               "example"
           *             ],
           *             "deadline": "example"
           *           },
           *           "author": {
           *             "name": "Data platform migration",
           *             "orgId": "org_contoso00001",
           *             "orgName": "Northwind Systems"
           *           },
           *           "createdAt": "example",
           *           "editedAt": "example",
           *           "lastActivityAt": "example",
           *           "updatedAt": "example"
           *         }
           *       }
           *     }
           */
          'application/json': components['schemas']['CommunityReplyPostedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'community.answer_accepted': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * community.answer_accepted
     * @description A question's asker or the vendor's team accepted a reply as its answer; `data` is the question with its `acceptedReply`. Sent to an endpoint only when its organization sees the space when the message is sent (the rule of the pages and the API: a private space, its invited organizations; a vendor-only space, the vendor; a segment space, the partners it matches), and never for a post held for review or hidden by the moderators.
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "community.answer_accepted",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "community_topic",
           *         "space": {
           *           "id": "ref_8f3k2m1q9x7w",
           *           "slug": "northwind-systems",
           *           "name": "Data platform migration"
           *         },
           *         "kind": "question",
           *         "title": "Data platform migration",
           *         "body": "example",
           *         "tags": [
           *           "example"
           *         ],
           *         "state": "held",
           *         "pinned": false,
           *         "locked": false,
           *         "answered": false,
           *         "acceptedReplyId": "acce_7c2e9a41b3d5",
           *         "replyCount": 48,
           *         "request": {
           *           "need": "example",
           *           "region": "example",
           *           "industry": "example",
           *           "skills": [
           *             "example"
           *           ],
           *           "deadline": "example"
           *         },
           *         "author": {
           *           "name": "Data platform migration",
           *           "orgId": "org_contoso00001",
           *           "orgName": "Northwind Systems"
           *         },
           *         "createdAt": "example",
           *         "editedAt": "example",
           *         "lastActivityAt": "example",
           *         "updatedAt": "example",
           *         "acceptedReply": {
           *           "id": "ref_8f3k2m1q9x7w",
           *           "object": "community_reply",
           *           "topicId": "topi_7c2e9a41b3d5",
           *           "body": "example",
           *           "bodyHtml": "example",
           *           "state": "held",
           *           "author": {
           *             "name": "Data platform migration",
           *             "orgId": "org_contoso00001",
           *             "orgName": "Northwind Systems"
           *           },
           *           "createdAt": "example",
           *           "editedAt": "example"
           *         }
           *       }
           *     }
           */
          'application/json': components['schemas']['CommunityAnswerAcceptedWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'partnership.commitment.overdue': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * partnership.commitment.overdue
     * @description A commitment of an agreed joint business plan passed its due date unmet (to both sides of the partnership).
     *
     *     Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.
     */
    post: {
      parameters: {
        query?: never
        header: {
          'webhook-id': string
          'webhook-timestamp': string
          'webhook-signature': string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          /**
           * @example {
           *       "type": "partnership.commitment.overdue",
           *       "timestamp": "2026-03-02T09:30:00.000Z",
           *       "data": {
           *         "id": "ref_8f3k2m1q9x7w",
           *         "object": "partnership",
           *         "partnershipId": "part_7c2e9a41b3d5",
           *         "orgAId": "orga_7c2e9a41b3d5",
           *         "orgAName": "Data platform migration",
           *         "orgBId": "orgb_7c2e9a41b3d5",
           *         "orgBName": "Data platform migration",
           *         "planId": "plan_7c2e9a41b3d5",
           *         "commitmentId": "comm_7c2e9a41b3d5",
           *         "ownerOrgId": "org_northwind01",
           *         "title": "Data platform migration",
           *         "dueAt": "example"
           *       }
           *     }
           */
          'application/json': components['schemas']['PartnershipCommitmentOverdueWebhook']
        }
      }
      responses: {
        /** @description Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried. */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export interface components {
  schemas: {
    Error: {
      error: {
        /**
         * @description Stable, machine-readable: unauthenticated, missing_scope, forbidden, not_found, invalid_request, invalid_json, invalid_cursor, conflict, precondition_failed, unsupported_media_type, rows_invalid, idempotency_mismatch, idempotency_in_progress, too_large, rate_limited, internal_error.
         * @example invalid_request
         */
        code: string
        /**
         * @description What went wrong and what to do, for a person.
         * @example Check the referral: Enter the customer’s company name.
         */
        message: string
        /**
         * @description Per field (body field or query parameter), what is wrong with it.
         * @example {
         *       "accountName": [
         *         "Enter the customer's company name."
         *       ]
         *     }
         */
        fieldErrors?: {
          [key: string]: string[]
        }
        /**
         * @description On missing_scope: the scope the request needs.
         * @example referrals:write
         */
        missingScope?: string
        /** @description On rate_limited: seconds until the window resets. */
        retryAfterSeconds?: number
        /**
         * Format: date-time
         * @description On rate_limited: when to retry.
         */
        retryAt?: string
        /**
         * @description On rate_limited: which limit was exceeded.
         * @enum {string}
         */
        limit?: 'key' | 'organization'
        /** @description On precondition_failed: the ETag the resource has now. */
        currentEtag?: string
        /** @description On rows_invalid: the first 100 refused rows, with why. */
        rowErrors?: {
          row: number
          reasons: string[]
        }[]
        /** @description On rows_invalid: how many rows were refused. */
        errorRows?: number
        /** @description On a referral conflict: what to review; send the kinds back in acknowledgedConflicts to send it anyway. */
        conflicts?: {
          kind: string
          explanation: string
        }[]
      }
    }
    ReferralSubmittedWebhook: {
      /** @enum {string} */
      type: 'referral.submitted'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        fromOrgId: string
        toOrgId: string
        accountName: string
        fromOrgName: string
        toOrgName: string
        accountDomain: string | null
        estimatedValue: string | number | null
      }
    }
    ReferralAcceptedWebhook: {
      /** @enum {string} */
      type: 'referral.accepted'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        fromOrgId: string
        toOrgId: string
        accountName: string
        /** @enum {string} */
        from: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
        /** @enum {string} */
        to: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
        actorOrgName?: string
        reason?: string
        expired?: boolean
        wonAmount?: string | number | null
        fee?: string | number | null
      }
    }
    ReferralDeclinedWebhook: {
      /** @enum {string} */
      type: 'referral.declined'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        fromOrgId: string
        toOrgId: string
        accountName: string
        /** @enum {string} */
        from: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
        /** @enum {string} */
        to: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
        actorOrgName?: string
        reason?: string
        expired?: boolean
        wonAmount?: string | number | null
        fee?: string | number | null
      }
    }
    ReferralInProgressWebhook: {
      /** @enum {string} */
      type: 'referral.in_progress'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        fromOrgId: string
        toOrgId: string
        accountName: string
        /** @enum {string} */
        from: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
        /** @enum {string} */
        to: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
        actorOrgName?: string
        reason?: string
        expired?: boolean
        wonAmount?: string | number | null
        fee?: string | number | null
      }
    }
    ReferralWonWebhook: {
      /** @enum {string} */
      type: 'referral.won'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        fromOrgId: string
        toOrgId: string
        accountName: string
        /** @enum {string} */
        from: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
        /** @enum {string} */
        to: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
        actorOrgName?: string
        reason?: string
        expired?: boolean
        wonAmount?: string | number | null
        fee?: string | number | null
      }
    }
    ReferralLostWebhook: {
      /** @enum {string} */
      type: 'referral.lost'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        fromOrgId: string
        toOrgId: string
        accountName: string
        /** @enum {string} */
        from: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
        /** @enum {string} */
        to: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
        actorOrgName?: string
        reason?: string
        expired?: boolean
        wonAmount?: string | number | null
        fee?: string | number | null
      }
    }
    FeePaidWebhook: {
      /** @enum {string} */
      type: 'fee.paid'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        feeId: string
        amount: string | number
        reference: string | null
        fromOrgId: string
        toOrgId: string
      }
    }
    FeeConfirmedWebhook: {
      /** @enum {string} */
      type: 'fee.confirmed'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        feeId: string
        amount: string | number
        fromOrgId: string
        toOrgId: string
      }
    }
    CosellInvitedWebhook: {
      /** @enum {string} */
      type: 'cosell.invited'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        opportunityId: string
        invitedOrgId: string
        /** @enum {string} */
        role: 'implementation' | 'technology' | 'reseller' | 'referral'
        accountName: string
        invitedByOrgName: string
        message: string | null
      }
    }
    CosellAcceptedWebhook: {
      /** @enum {string} */
      type: 'cosell.accepted'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        opportunityId: string
        participantOrgId: string
        participantOrgName: string
        /** @enum {string} */
        status: 'invited' | 'accepted' | 'declined'
        ownerOrgId: string
        accountName: string
      }
    }
    CosellDeclinedWebhook: {
      /** @enum {string} */
      type: 'cosell.declined'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        opportunityId: string
        participantOrgId: string
        participantOrgName: string
        /** @enum {string} */
        status: 'invited' | 'accepted' | 'declined'
        ownerOrgId: string
        accountName: string
      }
    }
    CosellStageChangedWebhook: {
      /** @enum {string} */
      type: 'cosell.stage_changed'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        opportunityId: string
        /** @enum {string} */
        fromStage: 'prospect' | 'qualified' | 'technical_validation' | 'business_validation' | 'committed' | 'won' | 'lost'
        /** @enum {string} */
        toStage: 'prospect' | 'qualified' | 'technical_validation' | 'business_validation' | 'committed' | 'won' | 'lost'
      }
    }
    ListingPublishedWebhook: {
      /** @enum {string} */
      type: 'listing.published'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        slug: string
        kind: string
        version: number
        title: string
        note: string | null
        submittedBy: string | null
      }
    }
    ListingRejectedWebhook: {
      /** @enum {string} */
      type: 'listing.rejected'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        slug: string
        kind: string
        version: number
        title: string
        reason: string
        submittedBy: string | null
      }
    }
    EndorsementCreatedWebhook: {
      /** @enum {string} */
      type: 'endorsement.created'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        rating: number
        toOrgId: string
        fromOrgName: string
        accountName: string
      }
    }
    RegistrationApprovedWebhook: {
      /** @enum {string} */
      type: 'registration.approved'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        registrationId: string
        orgId: string
        orgName: string
        accountName: string
        protectedUntil: string
        opportunityId: string
        reason: string | null
      }
    }
    RegistrationRejectedWebhook: {
      /** @enum {string} */
      type: 'registration.rejected'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        registrationId: string
        orgId: string
        orgName: string
        accountName: string
        reason: string
      }
    }
    RegistrationRevokedWebhook: {
      /** @enum {string} */
      type: 'registration.revoked'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        registrationId: string
        orgId: string
        orgName: string
        accountName: string
        reason: string
        opportunityId: string | null
        previousStage: string | null
      }
    }
    ProgramTierChangedWebhook: {
      /** @enum {string} */
      type: 'program.tier_changed'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        orgId: string
        orgName: string
        trackId: string
        trackName: string
        fromTierId: string | null
        fromTierName: string | null
        toTierId: string | null
        toTierName: string | null
        /** @enum {string} */
        kind: 'approved' | 'override'
        reason: string | null
      }
    }
    CommunityTopicCreatedWebhook: {
      /** @enum {string} */
      type: 'community.topic_created'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @example k3v9q2m8x1p4s7t0 */
        id: string
        /** @enum {string} */
        object: 'community_topic'
        space: {
          id: string
          slug: string
          name: string
        }
        /** @enum {string} */
        kind: 'discussion' | 'question' | 'request'
        title: string
        /** @description Markdown, as written. */
        body: string
        tags: string[]
        /**
         * @description published; held: waiting for a moderator (spam signal or posting rate), seen only by its author and the vendor's team; hidden by a moderator: its body is empty except for the vendor's team.
         * @enum {string}
         */
        state: 'published' | 'held' | 'hidden'
        pinned: boolean
        /** @description Locked by the moderators: it takes no more replies. */
        locked: boolean
        /** @description A question with an accepted answer. */
        answered: boolean
        acceptedReplyId: string | null
        /** @description Published replies. */
        replyCount: number
        /** @description A partner request (kind request): what it asks for; null for other kinds. */
        request: {
          need: string
          region: string | null
          industry: string | null
          skills: string[]
          deadline: string | null
        } | null
        /** @description Who posted it. A post made with an API key is the key creator's, for your organization. */
        author: {
          /** @description The person's name ('A former member' once they left). */
          name: string
          orgId: string
          orgName: string
        }
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        createdAt: string
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        editedAt: string | null
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        lastActivityAt: string
        /**
         * Format: date-time
         * @description The last change a reader sees: text, tags, state, pin, lock, space, accepted answer, or a reply published, edited, hidden or restored.
         * @example 2026-06-01T12:00:00.000Z
         */
        updatedAt: string
      }
    }
    CommunityReplyPostedWebhook: {
      /** @enum {string} */
      type: 'community.reply_posted'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        id: string
        /** @enum {string} */
        object: 'community_reply'
        topicId: string
        /** @description Markdown, as written (empty when hidden, except for the vendor's team). */
        body: string
        /** @description The body rendered and sanitized exactly as the site shows it. */
        bodyHtml: string
        /**
         * @description published; held: waiting for a moderator (spam signal or posting rate), seen only by its author and the vendor's team; hidden by a moderator: its body is empty except for the vendor's team.
         * @enum {string}
         */
        state: 'published' | 'held' | 'hidden'
        /** @description Who posted it. A post made with an API key is the key creator's, for your organization. */
        author: {
          /** @description The person's name ('A former member' once they left). */
          name: string
          orgId: string
          orgName: string
        }
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        createdAt: string
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        editedAt: string | null
        /** @description The topic as GET /api/v1/community/topics/{id} gives it to your organization (without its replies). */
        topic: {
          /** @example k3v9q2m8x1p4s7t0 */
          id: string
          /** @enum {string} */
          object: 'community_topic'
          space: {
            id: string
            slug: string
            name: string
          }
          /** @enum {string} */
          kind: 'discussion' | 'question' | 'request'
          title: string
          /** @description Markdown, as written. */
          body: string
          tags: string[]
          /**
           * @description published; held: waiting for a moderator (spam signal or posting rate), seen only by its author and the vendor's team; hidden by a moderator: its body is empty except for the vendor's team.
           * @enum {string}
           */
          state: 'published' | 'held' | 'hidden'
          pinned: boolean
          /** @description Locked by the moderators: it takes no more replies. */
          locked: boolean
          /** @description A question with an accepted answer. */
          answered: boolean
          acceptedReplyId: string | null
          /** @description Published replies. */
          replyCount: number
          /** @description A partner request (kind request): what it asks for; null for other kinds. */
          request: {
            need: string
            region: string | null
            industry: string | null
            skills: string[]
            deadline: string | null
          } | null
          /** @description Who posted it. A post made with an API key is the key creator's, for your organization. */
          author: {
            /** @description The person's name ('A former member' once they left). */
            name: string
            orgId: string
            orgName: string
          }
          /**
           * Format: date-time
           * @example 2026-06-01T12:00:00.000Z
           */
          createdAt: string
          /**
           * Format: date-time
           * @example 2026-06-01T12:00:00.000Z
           */
          editedAt: string | null
          /**
           * Format: date-time
           * @example 2026-06-01T12:00:00.000Z
           */
          lastActivityAt: string
          /**
           * Format: date-time
           * @description The last change a reader sees: text, tags, state, pin, lock, space, accepted answer, or a reply published, edited, hidden or restored.
           * @example 2026-06-01T12:00:00.000Z
           */
          updatedAt: string
        }
      }
    }
    CommunityAnswerAcceptedWebhook: {
      /** @enum {string} */
      type: 'community.answer_accepted'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @example k3v9q2m8x1p4s7t0 */
        id: string
        /** @enum {string} */
        object: 'community_topic'
        space: {
          id: string
          slug: string
          name: string
        }
        /** @enum {string} */
        kind: 'discussion' | 'question' | 'request'
        title: string
        /** @description Markdown, as written. */
        body: string
        tags: string[]
        /**
         * @description published; held: waiting for a moderator (spam signal or posting rate), seen only by its author and the vendor's team; hidden by a moderator: its body is empty except for the vendor's team.
         * @enum {string}
         */
        state: 'published' | 'held' | 'hidden'
        pinned: boolean
        /** @description Locked by the moderators: it takes no more replies. */
        locked: boolean
        /** @description A question with an accepted answer. */
        answered: boolean
        acceptedReplyId: string | null
        /** @description Published replies. */
        replyCount: number
        /** @description A partner request (kind request): what it asks for; null for other kinds. */
        request: {
          need: string
          region: string | null
          industry: string | null
          skills: string[]
          deadline: string | null
        } | null
        /** @description Who posted it. A post made with an API key is the key creator's, for your organization. */
        author: {
          /** @description The person's name ('A former member' once they left). */
          name: string
          orgId: string
          orgName: string
        }
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        createdAt: string
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        editedAt: string | null
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        lastActivityAt: string
        /**
         * Format: date-time
         * @description The last change a reader sees: text, tags, state, pin, lock, space, accepted answer, or a reply published, edited, hidden or restored.
         * @example 2026-06-01T12:00:00.000Z
         */
        updatedAt: string
        /** @description The reply as the API gives it to your organization. */
        acceptedReply: {
          id: string
          /** @enum {string} */
          object: 'community_reply'
          topicId: string
          /** @description Markdown, as written (empty when hidden, except for the vendor's team). */
          body: string
          /** @description The body rendered and sanitized exactly as the site shows it. */
          bodyHtml: string
          /**
           * @description published; held: waiting for a moderator (spam signal or posting rate), seen only by its author and the vendor's team; hidden by a moderator: its body is empty except for the vendor's team.
           * @enum {string}
           */
          state: 'published' | 'held' | 'hidden'
          /** @description Who posted it. A post made with an API key is the key creator's, for your organization. */
          author: {
            /** @description The person's name ('A former member' once they left). */
            name: string
            orgId: string
            orgName: string
          }
          /**
           * Format: date-time
           * @example 2026-06-01T12:00:00.000Z
           */
          createdAt: string
          /**
           * Format: date-time
           * @example 2026-06-01T12:00:00.000Z
           */
          editedAt: string | null
        }
      }
    }
    PartnershipCommitmentOverdueWebhook: {
      /** @enum {string} */
      type: 'partnership.commitment.overdue'
      /**
       * Format: date-time
       * @description When the event happened (ISO 8601).
       */
      timestamp: string
      data: {
        /** @description The id of the object the event is about. */
        id: string
        /** @description What kind of object it is (referral, fee, opportunity, listing, …). */
        object: string
        partnershipId: string
        orgAId: string
        orgAName: string
        orgBId: string
        orgBName: string
        planId: string
        commitmentId: string
        ownerOrgId: string
        title: string
        dueAt: string
      }
    }
    Listing: {
      id: string
      /** @enum {string} */
      object: 'listing'
      slug: string
      /** @enum {string} */
      kind: 'service' | 'solution' | 'app' | 'integration'
      /** @description draft, in_review, published, rejected or archived; other organizations only ever see published listings. */
      status: string
      /** @description The published title, or for your own unpublished listing its draft title. */
      title: string | null
      summary: string | null
      org: {
        id: string
        name: string
      }
      /** @description True for your organization's listings. */
      own: boolean
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      publishedAt: string | null
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      updatedAt: string
    }
    ListingList: {
      /** @enum {string} */
      object: 'list'
      data: components['schemas']['Listing'][]
      hasMore: boolean
      /** @description Pass as cursor for the next page; null on the last page. */
      nextCursor: string | null
    }
    Referral: {
      /** @example k3v9q2m8x1p4s7t0 */
      id: string
      /** @enum {string} */
      object: 'referral'
      /** @enum {string} */
      status: 'submitted' | 'accepted' | 'declined' | 'in_progress' | 'won' | 'lost'
      /** @description The partner (or the vendor) who sent it. */
      from: {
        id: string
        name: string
      }
      /** @description The partner it was sent to. */
      to: {
        id: string
        name: string
      }
      accountName: string
      accountDomain: string | null
      contactName: string | null
      contactEmail: string | null
      need: string | null
      /**
       * @description The estimated deal value, in minor units (cents).
       * @example 1250000
       */
      estimatedValue: number
      /**
       * @description The won amount, in minor units (cents).
       * @example 1250000
       */
      wonAmount: number | null
      fee: {
        /** @enum {string} */
        type: 'none' | 'percent' | 'fixed'
        /** @description For percent: basis points of the won amount (1000 = 10%). */
        percentBps: number | null
        /**
         * @description For fixed: the fee, in minor units (cents).
         * @example 1250000
         */
        fixedAmount: number | null
        /**
         * @description An optional cap, in minor units (cents).
         * @example 1250000
         */
        capAmount: number | null
        /** @example 10% of the won amount */
        description: string
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        acceptedAt: string | null
      }
      /**
       * @description As your organization may see it (a sender is told only conflicts it may know of).
       * @enum {string}
       */
      conflictStatus: 'none' | 'flagged' | 'resolved'
      conflicts: {
        kind: string
        explanation: string
      }[]
      declineReason: string | null
      lostReason: string | null
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      createdAt: string
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      updatedAt: string
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      respondedAt: string | null
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      closedAt: string | null
    }
    ReferralList: {
      /** @enum {string} */
      object: 'list'
      data: components['schemas']['Referral'][]
      hasMore: boolean
      /** @description Pass as cursor for the next page; null on the last page. */
      nextCursor: string | null
    }
    CreateReferral: {
      /**
       * @description The partner to refer the customer to: its id or its marketplace slug.
       * @example northwind-consulting
       */
      toOrg: string
      /** @example Acme Corp */
      accountName: string
      /** @example acme.com */
      accountDomain: string
      contactName?: string
      /** Format: email */
      contactEmail?: string
      /**
       * @description What the customer needs, at least 10 characters.
       * @example Needs a Salesforce to HubSpot migration before Q3.
       */
      need: string
      /**
       * @description The estimated deal value, in minor units (cents).
       * @example 1250000
       */
      estimatedValue?: number
      /** @description One of your own opportunities to link. */
      opportunityId?: string
      /**
       * @description The proposed fee; omit all fee fields to propose the program's default terms.
       * @enum {string}
       */
      feeType?: 'none' | 'percent' | 'fixed'
      /**
       * @description For percent: the percentage of the won amount (e.g. 10 for 10%).
       * @example 10
       */
      feePercent?: number
      /**
       * @description For fixed: the fee, in minor units (cents).
       * @example 1250000
       */
      feeFixedAmount?: number
      /**
       * @description An optional cap on the fee, in minor units (cents).
       * @example 1250000
       */
      feeCapAmount?: number
      /** @description Conflict kinds from a previous 409 that you have reviewed; the referral is then sent anyway. */
      acknowledgedConflicts?: string[]
    }
    /**
     * @description Only the receiving partner moves a referral: submitted → accepted or declined; accepted → in_progress; in_progress → won or lost. Won computes the fee under the accepted terms.
     * @example {
     *       "status": "accepted",
     *       "acceptTerms": true
     *     }
     */
    ReferralStatusChange:
      | {
          /** @enum {string} */
          status: 'accepted'
          /** @description Must be true when the referral carries a fee: accepting it accepts its fee terms. */
          acceptTerms?: boolean
        }
      | {
          /** @enum {string} */
          status: 'declined'
          /**
           * @description Why you decline it (shown to the sender).
           * @example The customer chose to build it in-house.
           */
          reason: string
        }
      | {
          /** @enum {string} */
          status: 'in_progress'
        }
      | {
          /** @enum {string} */
          status: 'won'
          /**
           * @description The won amount, in minor units (cents).
           * @example 3000000
           */
          wonAmount: number
        }
      | {
          /** @enum {string} */
          status: 'lost'
          /**
           * @description Why it was lost.
           * @example The customer chose to build it in-house.
           */
          reason: string
        }
    Message: {
      id: string
      /** @enum {string} */
      object: 'message'
      /** @description Position in the conversation, from 1. */
      seq: number
      body: string
      author: {
        name: string | null
        orgId: string | null
        orgName: string | null
      }
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      createdAt: string
    }
    MessageList: {
      /** @enum {string} */
      object: 'list'
      data: components['schemas']['Message'][]
      hasMore: boolean
      /** @description Pass as cursor for the next page; null on the last page. */
      nextCursor: string | null
    }
    PostMessage: {
      /**
       * @description The message, plain text (links are linked).
       * @example Intro call booked for Tuesday.
       */
      body: string
    }
    Cosell: {
      id: string
      /** @enum {string} */
      object: 'cosell'
      title: string | null
      accountName: string
      accountDomain: string | null
      /**
       * @description The deal amount, in minor units (cents).
       * @example 1250000
       */
      amount: number
      /** @enum {string} */
      stage: 'prospect' | 'qualified' | 'technical_validation' | 'business_validation' | 'committed' | 'won' | 'lost'
      /**
       * Format: date
       * @example 2026-12-31
       */
      expectedCloseAt: string | null
      nextSteps: string | null
      notes: string | null
      /** @description The organization that opened it. */
      owner: {
        id: string
        name: string
      }
      participants: {
        org: {
          id: string
          name: string
        }
        /** @enum {string} */
        role: 'implementation' | 'technology' | 'reseller' | 'referral'
        /** @enum {string} */
        status: 'invited' | 'accepted' | 'declined'
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        invitedAt: string
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        joinedAt: string | null
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        respondedAt: string | null
      }[]
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      createdAt: string
      /**
       * Format: date-time
       * @description The last change of the record, its stage or its participants.
       * @example 2026-06-01T12:00:00.000Z
       */
      updatedAt: string
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      closedAt: string | null
    }
    CosellList: {
      /** @enum {string} */
      object: 'list'
      data: components['schemas']['Cosell'][]
      hasMore: boolean
      /** @description Pass as cursor for the next page; null on the last page. */
      nextCursor: string | null
    }
    CreateCosell: {
      /** @example Acme Corp */
      accountName: string
      /** @example acme.com */
      accountDomain?: string
      title?: string
      /**
       * @description The deal amount, in minor units (cents).
       * @example 1250000
       */
      amount?: number
      /**
       * @description An open stage; prospect when left out.
       * @enum {string}
       */
      stage?: 'prospect' | 'qualified' | 'technical_validation' | 'business_validation' | 'committed'
      /**
       * Format: date
       * @example 2026-12-31
       */
      expectedCloseAt?: string
      nextSteps?: string
      invites?: {
        /**
         * @description The partner's id or marketplace slug.
         * @example northwind-consulting
         */
        partner: string
        /** @enum {string} */
        role: 'implementation' | 'technology' | 'reseller' | 'referral'
        message?: string
      }[]
    }
    InviteToCosell: {
      /**
       * @description The partner's id or marketplace slug.
       * @example northwind-consulting
       */
      partner: string
      /** @enum {string} */
      role: 'implementation' | 'technology' | 'reseller' | 'referral'
      message?: string
    }
    /**
     * @example {
     *       "stage": "technical_validation"
     *     }
     */
    CosellStageChange: {
      /** @enum {string} */
      stage: 'prospect' | 'qualified' | 'technical_validation' | 'business_validation' | 'committed' | 'won' | 'lost'
    }
    CosellParticipation: {
      /** @enum {string} */
      object: 'cosell_participation'
      opportunityId: string
      org: {
        id: string
        name: string
      }
      /** @enum {string} */
      status: 'accepted' | 'declined'
    }
    /** @description An invited partner joins (a touch in the vendor’s metrics) or declines. */
    CosellResponse: {
      /** @enum {string} */
      decision: 'accept' | 'decline'
    }
    VendorOpportunity: {
      id: string
      /** @enum {string} */
      object: 'opportunity'
      externalId: string
      title: string | null
      accountName: string
      accountDomain: string | null
      /** @enum {string} */
      stage: 'prospect' | 'qualified' | 'technical_validation' | 'business_validation' | 'committed' | 'won' | 'lost'
      /**
       * @description The deal amount, in minor units (cents).
       * @example 1250000
       */
      amount: number
      /**
       * Format: date
       * @example 2026-12-31
       */
      closeDate: string | null
      touchingPartners: {
        org: {
          id: string
          name: string
        }
        /** @enum {string} */
        role: 'implementation' | 'technology' | 'reseller' | 'referral'
        /** @enum {string} */
        status: 'invited' | 'accepted' | 'declined'
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        joinedAt: string | null
      }[]
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      createdAt: string
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      updatedAt: string
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      closedAt: string | null
    }
    /**
     * @example {
     *       "accountName": "Acme Corp",
     *       "accountDomain": "acme.com",
     *       "stage": "qualified",
     *       "amount": 4500000,
     *       "closeDate": "2026-09-30",
     *       "touchingPartners": [
     *         {
     *           "partner": "northwind-consulting"
     *         }
     *       ]
     *     }
     */
    UpsertOpportunity: {
      /** @example Acme — platform expansion */
      title?: string
      /** @example Acme Corp */
      accountName: string
      /** @example acme.com */
      accountDomain?: string
      /** @enum {string} */
      stage: 'prospect' | 'qualified' | 'technical_validation' | 'business_validation' | 'committed' | 'won' | 'lost'
      /**
       * @description The deal amount, in minor units (cents).
       * @example 1250000
       */
      amount: number
      /**
       * Format: date
       * @description Expected close date; for won and lost, the date it closed.
       * @example 2026-12-31
       */
      closeDate?: string
      /**
       * Format: date-time
       * @description When it was created in your CRM (kept from the first upsert on); now when left out. Dates the analytics' periods.
       */
      createdAt?: string
      /** @description Partners that touched the deal: each becomes a working participant (a touch in the analytics). Partners are added, never removed. */
      touchingPartners?: {
        /**
         * @description The partner's id or marketplace slug.
         * @example northwind-consulting
         */
        partner: string
        /**
         * @description How it touched the deal; referral when left out.
         * @enum {string}
         */
        role?: 'implementation' | 'technology' | 'reseller' | 'referral'
      }[]
    }
    AccountBulkResult: {
      /** @enum {string} */
      object: 'account_bulk_result'
      /** @enum {string} */
      action: 'upsert' | 'delete'
      /** @enum {string} */
      mode: 'strict' | 'skip'
      rows: number
      inserted: number
      updated: number
      deleted: number
      /** @description On delete: listed domains that were not in your list. */
      notFound: number
      errorRows: number
      /** @description The first 100 refused rows, with why. */
      errors: {
        /** @description The data row (CSV, after the header) or the line (JSON lines), from 1. */
        row: number
        reasons: string[]
      }[]
    }
    /** @description Its program standing, only where the key may see it: the vendor's keys for every partner, a partner's key for its own organization. Absent: not yours to see; null: not evaluated yet. */
    PartnerStanding: {
      /** @description The program track the partner is evaluated in. */
      track: {
        id: string
        name: string
      }
      /** @description The tier the vendor's team approved; null: none yet. */
      currentTier: {
        id: string
        name: string
      } | null
      /** @description The highest tier whose requirements were all met at the last evaluation. */
      qualifiedTier: {
        id: string
        name: string
      } | null
      /** @description A tier change waiting for the vendor's decision; null when none is pending. */
      proposal: {
        /** @description The proposed tier; null: leave the track’s tiers. */
        tier: {
          id: string
          name: string
        } | null
        /**
         * Format: date-time
         * @example 2026-06-01T12:00:00.000Z
         */
        proposedAt: string
      } | null
      /**
       * Format: date-time
       * @description Below its tier: when the downgrade grace period ends.
       * @example 2026-06-01T12:00:00.000Z
       */
      graceUntil: string | null
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      evaluatedAt: string | null
      /** @description Every requirement of every tier of the track, as the last evaluation measured it. */
      requirements: {
        requirementId: string
        tierId: string
        /**
         * @description See /docs/metrics, "Program requirements".
         * @example sourced_pipeline
         */
        metric: string
        threshold: number
        /** @description The trailing window; null for the state metrics (counted as they are now). */
        windowDays: number | null
        /** @description Measured at the last evaluation (money in minor units). */
        value: number
        met: boolean
        /** @description How much is missing to meet it (0 when met). */
        gap: number
      }[]
    } | null
    Partner: {
      id: string
      /** @enum {string} */
      object: 'partner'
      slug: string
      name: string
      /** @description reseller, technology, systems integrator, MSP, referral, … */
      partnerType: string | null
      /** @description Its tier in the vendor’s program, as its profile shows it. */
      tier: string | null
      tagline: string | null
      description: string | null
      website: string | null
      logoUrl: string | null
      regions: string[]
      industries: string[]
      skills: string[]
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      approvedAt: string | null
      standing?: components['schemas']['PartnerStanding']
      /**
       * Format: date-time
       * @description The later of the partner’s last change and, where the key sees it, its standing’s.
       * @example 2026-06-01T12:00:00.000Z
       */
      updatedAt: string
    }
    PartnerList: {
      /** @enum {string} */
      object: 'list'
      data: components['schemas']['Partner'][]
      hasMore: boolean
      /** @description Pass as cursor for the next page; null on the last page. */
      nextCursor: string | null
    }
    CommunitySpace: {
      id: string
      /** @enum {string} */
      object: 'community_space'
      /**
       * @description Its address (/community/<slug>); the `space` of a topic list or a new topic.
       * @example co-sell-emea
       */
      slug: string
      name: string
      description: string
      /**
       * @description Who sees it: partners (every partner), vendor (the vendor's team only), orgs (invited organizations), segment (partners of chosen types, tiers or regions). The vendor's team sees them all.
       * @enum {string}
       */
      visibility: 'partners' | 'vendor' | 'orgs' | 'segment'
      /** @description Topics your organization sees in it. */
      topicCount: number
      /** @description Questions without an accepted answer among them. */
      unansweredCount: number
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      lastActivityAt: string | null
      /** @description Your organization may post in it (false for a suspended partner). A person suspended from the space by the moderators still gets 403 when the key's creator is that person. */
      canPost: boolean
    }
    CommunitySpaceList: {
      /** @enum {string} */
      object: 'list'
      data: components['schemas']['CommunitySpace'][]
      hasMore: boolean
      /** @description Pass as cursor for the next page; null on the last page. */
      nextCursor: string | null
    }
    CommunityTopic: {
      /** @example k3v9q2m8x1p4s7t0 */
      id: string
      /** @enum {string} */
      object: 'community_topic'
      space: {
        id: string
        slug: string
        name: string
      }
      /** @enum {string} */
      kind: 'discussion' | 'question' | 'request'
      title: string
      /** @description Markdown, as written. */
      body: string
      tags: string[]
      /**
       * @description published; held: waiting for a moderator (spam signal or posting rate), seen only by its author and the vendor's team; hidden by a moderator: its body is empty except for the vendor's team.
       * @enum {string}
       */
      state: 'published' | 'held' | 'hidden'
      pinned: boolean
      /** @description Locked by the moderators: it takes no more replies. */
      locked: boolean
      /** @description A question with an accepted answer. */
      answered: boolean
      acceptedReplyId: string | null
      /** @description Published replies. */
      replyCount: number
      /** @description A partner request (kind request): what it asks for; null for other kinds. */
      request: {
        need: string
        region: string | null
        industry: string | null
        skills: string[]
        deadline: string | null
      } | null
      /** @description Who posted it. A post made with an API key is the key creator's, for your organization. */
      author: {
        /** @description The person's name ('A former member' once they left). */
        name: string
        orgId: string
        orgName: string
      }
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      createdAt: string
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      editedAt: string | null
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      lastActivityAt: string
      /**
       * Format: date-time
       * @description The last change a reader sees: text, tags, state, pin, lock, space, accepted answer, or a reply published, edited, hidden or restored.
       * @example 2026-06-01T12:00:00.000Z
       */
      updatedAt: string
    }
    CommunityTopicList: {
      /** @enum {string} */
      object: 'list'
      data: components['schemas']['CommunityTopic'][]
      hasMore: boolean
      /** @description Pass as cursor for the next page; null on the last page. */
      nextCursor: string | null
    }
    CommunityReply: {
      id: string
      /** @enum {string} */
      object: 'community_reply'
      topicId: string
      /** @description Markdown, as written (empty when hidden, except for the vendor's team). */
      body: string
      /** @description The body rendered and sanitized exactly as the site shows it. */
      bodyHtml: string
      /**
       * @description published; held: waiting for a moderator (spam signal or posting rate), seen only by its author and the vendor's team; hidden by a moderator: its body is empty except for the vendor's team.
       * @enum {string}
       */
      state: 'published' | 'held' | 'hidden'
      /** @description Who posted it. A post made with an API key is the key creator's, for your organization. */
      author: {
        /** @description The person's name ('A former member' once they left). */
        name: string
        orgId: string
        orgName: string
      }
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      createdAt: string
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      editedAt: string | null
    }
    CommunityTopicDetail: {
      /** @example k3v9q2m8x1p4s7t0 */
      id: string
      /** @enum {string} */
      object: 'community_topic'
      space: {
        id: string
        slug: string
        name: string
      }
      /** @enum {string} */
      kind: 'discussion' | 'question' | 'request'
      title: string
      /** @description Markdown, as written. */
      body: string
      tags: string[]
      /**
       * @description published; held: waiting for a moderator (spam signal or posting rate), seen only by its author and the vendor's team; hidden by a moderator: its body is empty except for the vendor's team.
       * @enum {string}
       */
      state: 'published' | 'held' | 'hidden'
      pinned: boolean
      /** @description Locked by the moderators: it takes no more replies. */
      locked: boolean
      /** @description A question with an accepted answer. */
      answered: boolean
      acceptedReplyId: string | null
      /** @description Published replies. */
      replyCount: number
      /** @description A partner request (kind request): what it asks for; null for other kinds. */
      request: {
        need: string
        region: string | null
        industry: string | null
        skills: string[]
        deadline: string | null
      } | null
      /** @description Who posted it. A post made with an API key is the key creator's, for your organization. */
      author: {
        /** @description The person's name ('A former member' once they left). */
        name: string
        orgId: string
        orgName: string
      }
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      createdAt: string
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      editedAt: string | null
      /**
       * Format: date-time
       * @example 2026-06-01T12:00:00.000Z
       */
      lastActivityAt: string
      /**
       * Format: date-time
       * @description The last change a reader sees: text, tags, state, pin, lock, space, accepted answer, or a reply published, edited, hidden or restored.
       * @example 2026-06-01T12:00:00.000Z
       */
      updatedAt: string
      /** @description The body rendered and sanitized exactly as the site shows it. */
      bodyHtml: string
      /** @description Your organization may reply (not locked, not a suspended partner). */
      canReply: boolean
      /** @description One page of replies, oldest first (20 a page); pass replies.nextCursor as cursor for the next. */
      replies: {
        /** @enum {string} */
        object: 'list'
        data: components['schemas']['CommunityReply'][]
        hasMore: boolean
        /** @description Pass as cursor for the next page; null on the last page. */
        nextCursor: string | null
      }
    }
    /**
     * @example {
     *       "space": "co-sell-emea",
     *       "kind": "question",
     *       "title": "Who has run a Salesforce CPQ migration in DACH?",
     *       "body": "We have a customer asking for a CPQ migration by Q3. Anyone done one?",
     *       "tags": [
     *         "cpq"
     *       ]
     *     }
     */
    CreateCommunityTopic: {
      /**
       * @description The slug of a space your organization sees (GET /api/v1/community/spaces).
       * @example co-sell-emea
       */
      space: string
      /**
       * @description A discussion, a question, or a partner request (which also takes need, region, industry, skills, deadline).
       * @enum {string}
       */
      kind: 'discussion' | 'question' | 'request'
      /**
       * @description 5 to 160 characters.
       * @example Who has run a Salesforce CPQ migration in DACH?
       */
      title: string
      /** @description Markdown, up to 20,000 characters; rendered and sanitized as on the site. @Handles of people who see the space mention them (at most 10). */
      body: string
      /**
       * @description Up to 5 tags (letters, digits, hyphens).
       * @example [
       *       "cpq",
       *       "migration"
       *     ]
       */
      tags?: string[]
      /** @description A partner request: what you need (at least 3 characters). */
      need?: string
      /** @enum {string} */
      region?: 'NA' | 'LATAM' | 'EMEA' | 'APAC'
      /** @enum {string} */
      industry?: 'healthcare' | 'financial_services' | 'manufacturing' | 'retail' | 'public_sector' | 'education' | 'technology' | 'energy' | 'media' | 'telecom'
      skills?: string[]
      /**
       * Format: date
       * @example 2026-12-31
       */
      deadline?: string
    }
    CreateCommunityReply: {
      /**
       * @description Markdown, 1 to 20,000 characters; @handles mention people who see the space.
       * @example We did one last quarter; happy to talk.
       */
      body: string
    }
    /**
     * @example {
     *       "object": "community_reactions",
     *       "postId": "r8m2k4q9x1p4s7t0",
     *       "topicId": "k3v9q2m8x1p4s7t0",
     *       "reactions": {
     *         "thumbs_up": {
     *           "count": 3,
     *           "mine": true
     *         },
     *         "heart": {
     *           "count": 0,
     *           "mine": false
     *         },
     *         "tada": {
     *           "count": 1,
     *           "mine": false
     *         },
     *         "bulb": {
     *           "count": 0,
     *           "mine": false
     *         }
     *       }
     *     }
     */
    CommunityReactions: {
      /** @enum {string} */
      object: 'community_reactions'
      /** @description The reply reacted to. */
      postId: string
      topicId: string
      reactions: {
        thumbs_up: {
          count: number
          /** @description The key creator's own reaction. */
          mine: boolean
        }
        heart: {
          count: number
          /** @description The key creator's own reaction. */
          mine: boolean
        }
        tada: {
          count: number
          /** @description The key creator's own reaction. */
          mine: boolean
        }
        bulb: {
          count: number
          /** @description The key creator's own reaction. */
          mine: boolean
        }
      }
    }
    /**
     * @example {
     *       "reaction": "thumbs_up"
     *     }
     */
    CommunityReactionBody: {
      /**
       * @description One of the site's reactions: thumbs_up (👍), heart (❤️), tada (🎉 Celebrate), bulb (💡 Insightful).
       * @example thumbs_up
       * @enum {string}
       */
      reaction: 'thumbs_up' | 'heart' | 'tada' | 'bulb'
    }
    /**
     * @example {
     *       "object": "community_follow",
     *       "space": "co-sell-emea",
     *       "topicId": null,
     *       "following": true
     *     }
     */
    CommunityFollow: {
      /** @enum {string} */
      object: 'community_follow'
      /** @description The followed space (its slug); null for a topic. */
      space: string | null
      /** @description The followed topic; null for a space. */
      topicId: string | null
      /** @description Whether the key creator follows it now: new topics (a space) or replies (a topic) notify them as the site does. */
      following: boolean
    }
    /**
     * @example {
     *       "replyId": "r8m2k4q9x1p4s7t0"
     *     }
     */
    AcceptCommunityAnswer: {
      /**
       * @description A published reply of this topic.
       * @example r8m2k4q9x1p4s7t0
       */
      replyId: string
    }
    /** @description The summary document described at /docs/metrics. */
    AnalyticsSummary: Record<string, never>
    SearchResults: Record<string, never>
  }
  responses: never
  parameters: never
  requestBodies: never
  headers: never
  pathItems: never
}
export type $defs = Record<string, never>
export type operations = Record<string, never>
