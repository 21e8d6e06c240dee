// Generated from openapi.json by `npm run openapi`; do not edit. The API's routes are the source.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Postgres and Temporal reachability */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Both answer */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "degraded";
                            postgres: {
                                ok: boolean;
                                /** @description How long it took to answer (or to give up, after 3 s) */
                                ms: number;
                            };
                            temporal: {
                                ok: boolean;
                                /** @description How long it took to answer (or to give up, after 3 s) */
                                ms: number;
                            };
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Postgres or Temporal does not answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "degraded";
                            postgres: {
                                ok: boolean;
                                /** @description How long it took to answer (or to give up, after 3 s) */
                                ms: number;
                            };
                            temporal: {
                                ok: boolean;
                                /** @description How long it took to answer (or to give up, after 3 s) */
                                ms: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/shopify/{dealerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Shopify order webhooks: orders/create, orders/updated, orders/cancelled (signed with the dealer’s webhook secret) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    dealerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Taken in (or recognised as a repeat): Shopify stops retrying */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description What the delivery did: ignored for a topic other than orders/create, orders/updated and orders/cancelled
                             * @enum {string}
                             */
                            outcome: "created" | "updated" | "unchanged" | "dealer_told" | "repeated_delivery" | "ignored";
                            /** Format: uuid */
                            orderId?: string;
                            /** @description The order's status, when it was created or updated */
                            status?: string;
                            /** @description The ignored topic */
                            topic?: string | null;
                            /**
                             * Format: uuid
                             * @description The drop-ship the order started (auto-processing)
                             */
                            dropshipId?: string;
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is asking: the signed-in user (or the API key), the role, the dealer, and the CSRF token
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Who is asking */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign in with email and password: sets the session cookie (a new session each time)
         * @description After 5 failed sign-ins for one email within 15 minutes, that email is locked out until the window has passed, even with the right password.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Signed in: the session cookie is set */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The email or password is wrong */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "UNPROCESSABLE" | "RATE_LIMITED" | "UNAVAILABLE" | "INTERNAL";
                                message: string;
                                details?: {
                                    /** @description Each invalid field, by its place in the request (body.shipTo.city) */
                                    fields?: {
                                        field: string;
                                        message: string;
                                    }[];
                                    /** @description The workflow's reasons for refusing a decision */
                                    problems?: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                requestId: string;
                            };
                        } & WithRequired<components["schemas"]["Error"], "error">;
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Sign out this browser (with an API key: nothing to do)
         * @description Requires the viewer role.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out; the cookie is cleared */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for a password-reset link by email (always 202, whether or not the email has an account) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Taken: if the email has an account, a one-time link is on its way */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/password-reset/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a reset link's token; the link works once, and every session of the user ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description The new password is set; sign in with it */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The link is unknown, expired or already used */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "UNPROCESSABLE" | "RATE_LIMITED" | "UNAVAILABLE" | "INTERNAL";
                                message: string;
                                details?: {
                                    /** @description Each invalid field, by its place in the request (body.shipTo.city) */
                                    fields?: {
                                        field: string;
                                        message: string;
                                    }[];
                                    /** @description The workflow's reasons for refusing a decision */
                                    problems?: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                requestId: string;
                            };
                        } & WithRequired<components["schemas"]["Error"], "error">;
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an owner's invitation: choose a name and password, and be signed in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                        name: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Joined and signed in: the session cookie is set */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The email already has an account */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "UNPROCESSABLE" | "RATE_LIMITED" | "UNAVAILABLE" | "INTERNAL";
                                message: string;
                                details?: {
                                    /** @description Each invalid field, by its place in the request (body.shipTo.city) */
                                    fields?: {
                                        field: string;
                                        message: string;
                                    }[];
                                    /** @description The workflow's reasons for refusing a decision */
                                    problems?: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                requestId: string;
                            };
                        } & WithRequired<components["schemas"]["Error"], "error">;
                    };
                };
                /** @description The invitation is unknown, expired or already used */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "UNPROCESSABLE" | "RATE_LIMITED" | "UNAVAILABLE" | "INTERNAL";
                                message: string;
                                details?: {
                                    /** @description Each invalid field, by its place in the request (body.shipTo.city) */
                                    fields?: {
                                        field: string;
                                        message: string;
                                    }[];
                                    /** @description The workflow's reasons for refusing a decision */
                                    problems?: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                requestId: string;
                            };
                        } & WithRequired<components["schemas"]["Error"], "error">;
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders with buyer, items, total and what each needs (ready to process, or what to resolve), newest first or soonest ship-by first
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: {
                    status?: "open" | "awaiting_payment" | "dropshipping" | "partially_shipped" | "shipped" | "cancelled";
                    /** @description true: orders that need the dealer (the routing preview says resolve, or something is open in the exception inbox); false: the others */
                    needsResolution?: "true" | "false";
                    /** @description Any part of the order number, the buyer’s name or email, or a SKU, in any case */
                    q?: string;
                    /** @description Orders with a PO placed with this distributor, or that a drop-ship would now route to it */
                    distributor?: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                    channel?: "website" | "ebay" | "amazon" | "shopify";
                    /** @description Orders created at or after this (a date means the start of that day, UTC) */
                    from?: string;
                    /** @description Orders created before this (a date means up to the end of that day, UTC) */
                    to?: string;
                    /** @description newest: newest first (the default); ship_by: the soonest ship-by date first, orders without one last */
                    sort?: "newest" | "ship_by";
                    /** @description nextCursor of the page before */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of orders */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orders: components["schemas"]["DashboardOrder"][];
                            /**
                             * Format: uuid
                             * @description Pass as cursor for the next page; null on the last
                             */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a website order (idempotent on order number); auto-processing starts its drop-ship
         * @description Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channelOrderId: string;
                        buyer: {
                            name: string;
                            /** Format: email */
                            email?: string;
                            phone?: string;
                        };
                        shipTo: {
                            name: string;
                            company?: string;
                            line1: string;
                            line2?: string;
                            city: string;
                            region: string;
                            postalCode: string;
                            /** @default US */
                            country?: string;
                            phone?: string;
                        };
                        shippingRateName: string;
                        lines: {
                            sku: string;
                            title?: string;
                            quantity: number;
                            unitPrice: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description An order with this number already exists; it is returned unchanged */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrderWithLines"];
                    };
                };
                /** @description The order was created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrderWithLines"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{orderId}/routing-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dry run of a drop-ship: ready with the proposed POs per line, or what to resolve and the action that fixes it; writes nothing
         * @description Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RoutingPreview"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An order: lines with eligibility and routing candidates, drop-ships, purchase orders with packages and tracking links, audit trail
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrderDetail"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{orderId}/dropships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a drop-ship: route the lines and propose purchase orders (auto mode also places them)
         * @description Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        mode?: "auto" | "manual";
                    };
                };
            };
            responses: {
                /** @description The order already had an unfinished drop-ship; its state */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DropshipState"];
                    };
                };
                /** @description A drop-ship was opened and routed */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DropshipState"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dropships/{dropshipId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live state of a drop-ship
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    dropshipId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DropshipState"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dropships/{dropshipId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the proposed purchase orders, with edits
         * @description Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    dropshipId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        acknowledged: boolean;
                        poNumbers?: {
                            [key: string]: string;
                        };
                        shipTo?: {
                            name: string;
                            company?: string;
                            line1: string;
                            line2?: string;
                            city: string;
                            region: string;
                            postalCode: string;
                            /** @default US */
                            country?: string;
                            phone?: string;
                        };
                        quantities?: {
                            [key: string]: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Accepted and recorded; the drop-ship (Location) shows it carried out */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Accepted"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood, but it cannot be done as things stand */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dropships/{dropshipId}/swap-line": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a line to another distributor that carries the part
         * @description Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    dropshipId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        lineId: string;
                        /** @enum {string} */
                        distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                    };
                };
            };
            responses: {
                /** @description Accepted and recorded; the drop-ship (Location) shows it carried out */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Accepted"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood, but it cannot be done as things stand */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dropships/{dropshipId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a drop-ship before anything is ordered
         * @description Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    dropshipId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Accepted and recorded; the drop-ship (Location) shows it carried out */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Accepted"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood, but it cannot be done as things stand */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dropships/{dropshipId}/route-again": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Route again from today's facts, after fixing what stopped a line (a SKU linked in the catalog, an account made ready)
         * @description A drop-ship waiting for confirmation proposes anew (200). One that ended because no line could be drop-shipped is followed by the order's next drop-ship, in the same mode (201; auto mode also places its POs).
         *
         *     Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    dropshipId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Routed again; the new proposal */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DropshipState"];
                    };
                };
                /** @description The order's next drop-ship, routed */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DropshipState"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood, but it cannot be done as things stand */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/dropships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Drop-ship several ready orders at once, each with its own workflow; the answer says what happened to each
         * @description Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        orderIds: string[];
                        /** @description true: "I am placing real orders with the distributors": each drop-ship is confirmed as proposed; otherwise each waits for confirmation */
                        acknowledged?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BulkDropshipResult"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchase-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search purchase orders
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The start of the PO number, in any case */
                    poNumber?: string;
                    /** @description The order's ID, or the channel's order number in any case */
                    orderId?: string;
                    distributor?: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                    status?: "pending" | "submitted" | "accepted" | "backordered" | "partially_shipped" | "shipped" | "cancelled" | "needs_attention" | "failed" | "unknown" | "given_up";
                    shipped?: "true" | "false";
                    /** @description POs placed at or after this (a date means the start of that day, UTC) */
                    from?: string;
                    /** @description POs placed before this (a date means up to the end of that day, UTC) */
                    to?: string;
                    /** @description nextCursor of the page before */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of purchase orders, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            purchaseOrders: components["schemas"]["PurchaseOrder"][];
                            /**
                             * Format: uuid
                             * @description Pass as cursor for the next page; null on the last
                             */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchase-orders/{poNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One purchase order with its lines, status history and packages
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    poNumber: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PurchaseOrderDetail"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchase-orders/{poNumber}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a failed or unverified purchase order under the same PO number (looked up first, so it is never placed twice)
         * @description Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    poNumber: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PurchaseOrder"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchase-orders/{poNumber}/reroute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Route the refused, cancelled or backordered lines of a purchase order again, without its distributor
         * @description Opens a drop-ship of just those lines; the dealer confirms its proposed POs as usual (or it places them at once with mode auto). Backordered lines moved away are cancelled at the old distributor.
         *
         *     Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    poNumber: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description manual (default): you confirm the proposed POs; auto: placed at once
                         * @enum {string}
                         */
                        mode?: "manual" | "auto";
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DropshipState"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchase-orders/{poNumber}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask the distributor to cancel what has not shipped of a purchase order
         * @description Through the distributor's cancel API where it has one; otherwise a task for the dealer with what to ask. Each line then ends cancelled, refused, unknown or shipped after cancel requested.
         *
         *     Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    poNumber: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Requested and recorded; the purchase order (Location) shows what the distributor answers */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Accepted"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distributors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every distributor: name, PO suffix, shipping methods, credential fields and what it requires on file
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description In the order Dropline lists them */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            distributors: components["schemas"]["Distributor"][];
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distributor-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every distributor, with what is saved for this dealer
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One entry per distributor */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accounts: components["schemas"]["DistributorAccount"][];
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distributor-accounts/{distributor}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Save credentials and readiness facts (fields left out keep their saved values)
         * @description Requires the owner role.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        credentials?: {
                            [key: string]: unknown;
                        };
                        taxIdOnFile?: boolean;
                        creditCardOnFile?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DistributorAccount"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distributor-accounts/{distributor}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Forget the saved credentials
         * @description Requires the owner role.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Forgotten */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distributor-accounts/{distributor}/test-connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Call the distributor with the saved credentials and report what it said
         * @description Requires the owner role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the distributor answered */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                            ok: boolean;
                            /** @description What the distributor said, when it refused */
                            reason?: string;
                            /** Format: date-time */
                            testedAt: string;
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood, but it cannot be done as things stand */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shipping-mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Shipping-rate mappings, and the method codes each distributor knows
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: {
                    channel?: "website" | "ebay" | "amazon" | "shopify";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The mappings and the codes to choose from */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mappings: components["schemas"]["ShippingMapping"][];
                            /** @description The method codes each distributor knows */
                            methods: {
                                [key: string]: {
                                    name: string;
                                    codes: string[];
                                    /** @description Only codes from a published list are checked */
                                    published: boolean;
                                };
                            };
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shipping-mappings/{channel}/{rateName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set what one shipping rate maps to at each distributor (distributors left out become unmapped)
         * @description Requires the owner role.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel: "website" | "ebay" | "amazon" | "shopify";
                    rateName: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        methods: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShippingMapping"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog-feeds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Feed settings (no secrets) with the latest imports
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The feeds set up */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            feeds: components["schemas"]["CatalogFeed"][];
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog-feeds/{distributor}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Save where and when to fetch a distributor’s file, and schedule it
         * @description Requires the owner role.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        transport: "sftp" | "ftp" | "https";
                        host: string;
                        port?: number;
                        path: string;
                        username?: string;
                        password?: string;
                        privateKey?: string;
                        hostKeySha256?: string;
                        timeZone: string;
                        /** @default 5 */
                        scheduleHour?: number;
                        /** @default 0 */
                        scheduleMinute?: number;
                        scheduleCron?: string;
                        /** @default true */
                        enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Saved and scheduled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                            scheduleId: string;
                            enabled: boolean;
                            timeZone: string;
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood, but it cannot be done as things stand */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog-feeds/{distributor}/import-now": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fetch and import the file now, outside the daily schedule
         * @description Requires the owner role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The import has started */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                            /** @enum {boolean} */
                            started: true;
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the catalog by SKU, your SKU, brand, part number or description, with stock per warehouse and your links
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Any part of a SKU, your SKU, brand, manufacturer part number or description; case does not matter */
                    q?: string;
                    distributor?: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                    limit?: number;
                    /** @description nextCursor of the page before */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of items, by distributor and part number */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CatalogItem"][];
                            /** @description Pass as cursor for the next page; null on the last */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your links of your SKUs to distributor items, optionally of one SKU
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: {
                    dealerSku?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The links */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            links: components["schemas"]["SkuLink"][];
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Link your SKU to a distributor item of your catalog (kept across feed imports); the same link again is answered as it is
         * @description Requires the staff role.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        dealerSku: string;
                        /** @enum {string} */
                        distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                        distributorSku: string;
                    };
                };
            };
            responses: {
                /** @description The link was there already */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SkuLink"];
                    };
                };
                /** @description Linked */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SkuLink"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood, but it cannot be done as things stand */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a link of yours (what the distributor's feed maps stands again)
         * @description Requires the staff role.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    linkId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exceptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The exception inbox: open ones newest first, or the resolved ones (newest resolved first), or all
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: {
                    /** @description open (newest raised first), resolved (newest resolved first) or all (newest raised first) */
                    status?: "open" | "resolved" | "all";
                    kind?: "po_failed" | "po_unknown" | "distributor_account" | "order_cancelled_on_channel" | "po_cancelled_by_distributor" | "po_backordered" | "cancellation_task" | "shipped_after_cancel" | "ship_by_at_risk" | "needs_resolution" | "po_given_up" | "confirmation_waiting" | "notification_failed";
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of the inbox */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            exceptions: components["schemas"]["InboxEntry"][];
                            /**
                             * Format: uuid
                             * @description Pass as cursor for the next page; null on the last
                             */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exceptions/{exceptionId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an exception dealt with (resolving it again changes nothing)
         * @description Requires the staff role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    exceptionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboxEntry"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings/digest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Daily digest settings
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DigestSettings"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Save daily digest settings (fields left out keep their values) and schedule it accordingly
         * @description Requires the owner role.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        hour?: number;
                        minute?: number;
                        timeZone?: string;
                        unshippedAfterDays?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DigestSettings"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channel-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every marketplace, with what is saved for this dealer
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One entry per marketplace */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accounts: components["schemas"]["ChannelAccount"][];
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channel-accounts/{channel}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Connect or reconnect a marketplace account (replaces what is saved)
         * @description Requires the owner role.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel: "ebay" | "amazon" | "shopify";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChannelAccount"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Disconnect the account: forget it and its credentials and stop polling its orders (orders already in stay)
         * @description Requires the owner role.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel: "ebay" | "amazon" | "shopify";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Disconnected */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channel-accounts/{channel}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Forget the saved credentials (polling stops; orders already in stay)
         * @description Requires the owner role.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel: "ebay" | "amazon" | "shopify";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Forgotten */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channel-accounts/{channel}/test-connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make one read-only call to the marketplace with the saved credentials and report what it said
         * @description Requires the owner role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel: "ebay" | "amazon" | "shopify";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the marketplace answered */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            channel: "ebay" | "amazon" | "shopify";
                            ok: boolean;
                            /** @description What the marketplace said, when it refused */
                            reason?: string;
                            /** Format: date-time */
                            testedAt: string;
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood, but it cannot be done as things stand */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Order-automation settings
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DealerSettings"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change some settings (fields left out keep their values); answers with all of them
         * @description Requires the owner role.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        autoProcessing?: boolean;
                        distributorPreference?: ("wps" | "parts_unlimited" | "tucker_rocky" | "automatic")[];
                        dropshipCutoff?: number;
                        stockBuffer?: number;
                        /** Format: email */
                        notificationEmail?: string | null;
                        emailFrom?: string | null;
                        /** Format: email */
                        emailReplyTo?: string | null;
                        notifyBuyerOfPoChanges?: boolean;
                        poPrefix?: string;
                        timeZone?: string;
                        confirmReminderHours?: number;
                        confirmExpiryHours?: number;
                        /** @description Automatic re-routing; fields left out keep their values */
                        failoverPolicy?: {
                            enabled?: boolean;
                            onRefusal?: boolean;
                            onDistributorCancel?: boolean;
                            backorderDays?: number | null;
                            maxCostPercent?: number;
                        };
                        handlingDays?: {
                            website: number;
                            shopify: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DealerSettings"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A service behind the API (Temporal) did not answer in time; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/setup-checklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What is still missing before this dealer can drop-ship
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every step, done or not, in the order to do them */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            complete: boolean;
                            items: components["schemas"]["SetupItem"][];
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/warehouses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Distributor warehouses and their lead times (drop-ship needs 1 day or less)
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The dealer's warehouses */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            warehouses: components["schemas"]["Warehouse"][];
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/warehouses/{distributor}/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add a warehouse or change its name and lead time
         * @description Requires the owner role.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        leadTimeDays: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Warehouse"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Remove a warehouse (its stock then counts as too slow to drop-ship)
         * @description Requires the owner role.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your API keys, newest first (revoked ones too)
         * @description Requires the owner role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The dealer's keys, without the secrets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKeys: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @description The first characters of the key, to tell keys apart */
                                prefix: string;
                                /**
                                 * @description What the key may do, as a user of that role
                                 * @enum {string}
                                 */
                                role: "viewer" | "staff" | "owner";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                revokedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key; the answer is the only time the key is shown
         * @description Requires the owner role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /**
                         * @description What the key may do (owner when left out)
                         * @default owner
                         * @enum {string}
                         */
                        role?: "viewer" | "staff" | "owner";
                    };
                };
            };
            responses: {
                /** @description The new key */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The first characters of the key, to tell keys apart */
                            prefix: string;
                            /**
                             * @description What the key may do, as a user of that role
                             * @enum {string}
                             */
                            role: "viewer" | "staff" | "owner";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The key itself: shown this once */
                            key: string;
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key (revoking it again changes nothing)
         * @description Requires the owner role.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The dealer's order, drop-ship, PO and inbox changes, as server-sent events
         * @description Requires the viewer role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Server-sent events, each `event:` then one JSON `data:` line: `ready` once the stream listens (refetch what you show if this is a reconnect); `change` with {kind: order|dropship|purchase_order|exception, id, orderId?, poNumber?} when one of them changes; `resync` when changes may have been missed (refetch what you show). Comment lines every 20 s keep it open. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests, or too many open streams, with this API key */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Change notifications are not available right now; try again shortly */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/sign-out-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End every session of the signed-in user, this one included (with an API key: nothing to do)
         * @description Requires the viewer role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out everywhere */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The dealer's users, oldest first, and the invitations not yet accepted
         * @description Requires the owner role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Users and open invitations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: components["schemas"]["User"][];
                            invitations: components["schemas"]["Invitation"][];
                        };
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite someone by email with a role; the email carries a one-time link to join
         * @description Requires the owner role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        /** @enum {string} */
                        role: "viewer" | "staff" | "owner";
                    };
                };
            };
            responses: {
                /** @description Invited; the email is on its way */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Invitation"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The email already has an account */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "UNPROCESSABLE" | "RATE_LIMITED" | "UNAVAILABLE" | "INTERNAL";
                                message: string;
                                details?: {
                                    /** @description Each invalid field, by its place in the request (body.shipTo.city) */
                                    fields?: {
                                        field: string;
                                        message: string;
                                    }[];
                                    /** @description The workflow's reasons for refusing a decision */
                                    problems?: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                requestId: string;
                            };
                        } & WithRequired<components["schemas"]["Error"], "error">;
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The invitation is saved but its email could not be sent; invite again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "UNPROCESSABLE" | "RATE_LIMITED" | "UNAVAILABLE" | "INTERNAL";
                                message: string;
                                details?: {
                                    /** @description Each invalid field, by its place in the request (body.shipTo.city) */
                                    fields?: {
                                        field: string;
                                        message: string;
                                    }[];
                                    /** @description The workflow's reasons for refusing a decision */
                                    problems?: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                requestId: string;
                            };
                        } & WithRequired<components["schemas"]["Error"], "error">;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user's role, or disable (signing them out everywhere) or enable them
         * @description Requires the owner role.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role?: "viewer" | "staff" | "owner";
                        disabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description The user as changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description A parameter, header or body field is missing or invalid; details.fields names each */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing of that id belongs to this dealer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The change would leave the dealer without an owner who can sign in */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "UNPROCESSABLE" | "RATE_LIMITED" | "UNAVAILABLE" | "INTERNAL";
                                message: string;
                                details?: {
                                    /** @description Each invalid field, by its place in the request (body.shipTo.city) */
                                    fields?: {
                                        field: string;
                                        message: string;
                                    }[];
                                    /** @description The workflow's reasons for refusing a decision */
                                    problems?: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                requestId: string;
                            };
                        } & WithRequired<components["schemas"]["Error"], "error">;
                    };
                };
                /** @description Too many requests with this API key; retry-after says when to try again */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Every refusal, in one envelope */
        Error: {
            error: {
                /** @enum {string} */
                code: "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "UNPROCESSABLE" | "RATE_LIMITED" | "UNAVAILABLE" | "INTERNAL";
                message: string;
                details?: {
                    /** @description Each invalid field, by its place in the request (body.shipTo.city) */
                    fields?: {
                        field: string;
                        message: string;
                    }[];
                    /** @description The workflow's reasons for refusing a decision */
                    problems?: string[];
                } & {
                    [key: string]: unknown;
                };
                requestId: string;
            };
        };
        User: {
            /** Format: uuid */
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "viewer" | "staff" | "owner";
            /** @description When an owner disabled the user; null while they may sign in */
            disabledAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        Session: {
            /** @description Null when an API key is asking */
            user: {
                /** Format: uuid */
                id: string;
                email: string;
                name: string;
            } | null;
            /** @enum {string} */
            role: "viewer" | "staff" | "owner";
            dealer: {
                id: string;
                name: string;
            };
            /** @description Send it as X-CSRF-Token with every write made with the session cookie; null for an API key */
            csrfToken: string | null;
        };
        Invitation: {
            /** Format: uuid */
            id: string;
            email: string;
            /** @enum {string} */
            role: "viewer" | "staff" | "owner";
            /** Format: date-time */
            expiresAt: string;
        };
        /** @description Your SKU fulfilled by this distributor item: a cross-reference you made, kept across feed imports */
        SkuLink: {
            /** Format: uuid */
            id: string;
            dealerSku: string;
            /** @description A distributor id */
            distributor: string;
            distributorSku: string;
            /** @description Who made the link */
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description Stock of one item at one distributor warehouse, as of the last feed import or live check */
        WarehouseStock: {
            warehouseCode: string;
            /** @description Null when the warehouse is not in your warehouse list (its stock then counts as too slow to drop-ship) */
            warehouseName: string | null;
            /** @description The warehouse's lead time from your warehouse list */
            leadTimeDays: number | null;
            quantity: number;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A distributor item in your catalog, with its stock per warehouse and your links to it */
        CatalogItem: {
            /** @description A distributor id */
            distributor: string;
            distributorSku: string;
            /** @description Your SKU as the distributor's feed maps it */
            dealerSku: string;
            description: string | null;
            brand: string | null;
            manufacturerPartNumber: string | null;
            costCents: number;
            /** @description The distributor's lead time for the item, when its feed gives one */
            leadTimeDays: number | null;
            /** Format: date-time */
            updatedAt: string;
            stock: components["schemas"]["WarehouseStock"][];
            /** @description Your SKUs linked to this item besides the one the feed maps */
            links: components["schemas"]["SkuLink"][];
        };
        /** @description One run of a feed import */
        FeedImport: {
            /** Format: uuid */
            id: string;
            dealerId: string;
            /** @enum {string} */
            distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
            /** @enum {string} */
            status: "running" | "succeeded" | "failed";
            /** Format: date-time */
            startedAt: string;
            finishedAt: string | null;
            durationMs: number | null;
            rowsRead: number;
            rowsOk: number;
            /** @description Of the good rows, those unchanged since the last import, which nothing else changed since either: skipped */
            rowsHeld: number;
            rowsBad: number;
            badRows: {
                line: number;
                reason: string;
            }[];
            committedLine: number;
            error: string | null;
        };
        /** @description Where and when a distributor's file is fetched (no secrets) */
        CatalogFeed: {
            dealerId: string;
            /** @enum {string} */
            distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
            /** @enum {string} */
            transport: "sftp" | "ftp" | "https";
            host: string;
            port: number | null;
            path: string;
            username: string | null;
            /** @description Whether a password or private key is saved (they are never shown) */
            secretSaved: boolean;
            hostKeySha256: string | null;
            scheduleHour: number;
            scheduleMinute: number;
            scheduleCron: string | null;
            timeZone: string;
            enabled: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The latest five imports, newest first */
            recentImports: components["schemas"]["FeedImport"][];
        };
        /** @description A marketplace and what is saved for this dealer (nothing secret) */
        ChannelAccount: {
            /** @enum {string} */
            channel: "ebay" | "amazon" | "shopify";
            name: string;
            /** @description Fields of the account besides its credentials (shopDomain, sellerId, marketplaceId) */
            accountFields: string[];
            /** @description What the credentials object holds (write-only) */
            credentialFields: string[];
            /** @description Each account and credential field as the marketplace names it to the dealer ("Admin API access token") */
            labels: {
                [key: string]: string;
            };
            configured: boolean;
            credentialsSavedAt: string | null;
            shopDomain: string | null;
            sellerId: string | null;
            marketplaceId: string | null;
            /** @description How orders come in: polled on a schedule, or sent by webhook */
            orderIntake: {
                /** @constant */
                kind: "poll";
                everyMinutes: number;
            } | {
                /** @constant */
                kind: "webhook";
                /** @description The webhook topics to subscribe, each to the one path */
                topics: string[];
                /** @description Where Shopify sends its webhooks */
                path: string;
            };
        };
        /** @description When the daily digest goes out (local time in timeZone) and what it lists */
        DigestSettings: {
            enabled: boolean;
            hour: number;
            minute: number;
            timeZone: string;
            unshippedAfterDays: number;
        };
        /** @description A distributor and what is saved for this dealer (nothing secret) */
        DistributorAccount: {
            /** @enum {string} */
            distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
            name: string;
            /** @description What the credentials object holds (write-only) */
            credentialFields: string[];
            configured: boolean;
            credentialsSavedAt: string | null;
            taxIdOnFile: boolean;
            creditCardOnFile: boolean;
            /** @description Whether the distributor can take drop-ship orders on this account: credentials saved and what it requires on file */
            ready: boolean;
            /** @description What is still missing before it can, one sentence each */
            missing: string[];
        };
        /** @description A distributor Dropline can place purchase orders with */
        Distributor: {
            /** @enum {string} */
            id: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
            name: string;
            /** @description What the generated PO number of a drop-ship ends in for this distributor (DL001000-W) */
            poSuffix: string;
            shipMethods: {
                /** @description Shipping-method codes a store shipping rate can map to */
                codes: string[];
                /** @description Whether the distributor publishes its list: only then is a code outside it refused */
                published: boolean;
            };
            /** @description What a saved credentials object holds */
            credentialFields: string[];
            /** @description Each credential field as the distributor names it to the dealer ("API token") */
            credentialLabels: {
                [key: string]: string;
            };
            /** @description What the distributor requires on file before it takes drop-ship orders (the account facts of the same names) */
            accountRequirements: {
                taxIdOnFile: boolean;
                creditCardOnFile: boolean;
            };
        };
        FixingAction: {
            /** @description The one thing that fixes the problem, in words */
            label: string;
            /** @description The dealer-UI path where it is done, when there is one (e.g. /catalog?q=SKU) */
            href: string | null;
        };
        /** @description What stands in the way of a drop-ship, and the action that clears it */
        PreviewProblem: {
            /** @enum {string} */
            code: "already_dropshipped" | "not_carried" | "no_account" | "no_tax_id" | "no_credit_card" | "out_of_stock" | "lead_time_too_long" | "insufficient_stock" | "below_cutoff" | "ship_to_incomplete" | "shipping_rate_unmapped" | "distributor_excluded" | "above_cost_ceiling" | "not_paid";
            message: string;
            action: components["schemas"]["FixingAction"];
        };
        /** @description A dry run of routing for an order: nothing is written or decided */
        RoutingPreview: {
            /**
             * @description ready: a drop-ship would place POs for every line still due; resolve: something must be fixed first; underway: a drop-ship took the order; closed: shipped or cancelled
             * @enum {string}
             */
            state: "ready" | "resolve" | "underway" | "closed";
            /** @description Problems of the order as a whole, e.g. not paid yet */
            orderProblems: components["schemas"]["PreviewProblem"][];
            lines: {
                lineId: string;
                dealerSku: string;
                /** @description Units still to drop-ship */
                quantity: number;
                /** @enum {string} */
                status: "routed" | "needs_resolution" | "already_dropshipped";
                /** @description Where a routed line would go */
                distributor: ("wps" | "parts_unlimited" | "tucker_rocky" | "automatic") | null;
                distributorSku: string | null;
                why: string[];
                problems: components["schemas"]["PreviewProblem"][];
            }[];
            /** @description The POs a drop-ship would propose now, one per distributor */
            purchaseOrders: {
                /** @enum {string} */
                distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                shipMethod: string;
                lines: {
                    lineId: string;
                    dealerSku: string;
                    distributorSku: string;
                    quantity: number;
                }[];
            }[];
        };
        /** @description What happened to each order of a bulk drop-ship */
        BulkDropshipResult: {
            results: {
                /** Format: uuid */
                orderId: string;
                channelOrderId: string | null;
                /**
                 * @description placed: confirmed and its POs are being placed; awaiting_confirmation: started, waiting for the dealer; already_dropshipped: an earlier request took it (nothing new was done); not_ready: it needs resolving first; failed: it could not be started
                 * @enum {string}
                 */
                outcome: "placed" | "awaiting_confirmation" | "already_dropshipped" | "not_ready" | "failed";
                dropshipId: string | null;
                purchaseOrders: {
                    /** @enum {string} */
                    distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                    poNumber: string;
                }[];
                /** @description Why it was not placed, in words */
                message: string | null;
            }[];
        };
        /** @description The workflow accepted the decision (its checks passed) and recorded it durably; it is carried out next, and whatever then goes wrong shows as the resource’s status */
        Accepted: {
            /** @constant */
            status: "accepted";
            /** @description The drop-ship or purchase order to read for the outcome; also the Location header */
            location: string;
            /**
             * @description The live stream that announces each change of it, as it is carried out
             * @constant
             */
            events: "/v1/events";
        };
        /** @description Why a distributor or a line cannot be drop-shipped, in words a dealer can act on */
        Reason: {
            /** @enum {string} */
            code: "already_dropshipped" | "not_carried" | "no_account" | "no_tax_id" | "no_credit_card" | "out_of_stock" | "lead_time_too_long" | "insufficient_stock" | "below_cutoff" | "ship_to_incomplete" | "shipping_rate_unmapped" | "distributor_excluded" | "above_cost_ceiling";
            message: string;
        };
        /** @description One distributor that carries the part, judged for this line */
        CandidateAssessment: {
            /** @enum {string} */
            distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
            distributorSku: string;
            costCents: number;
            availableQty: number;
            leadTimeDays: number | null;
            shipMethod: string | null;
            eligible: boolean;
            reasons: components["schemas"]["Reason"][];
            samePartAs?: {
                brand: string;
                manufacturerPartNumber: string;
            };
        };
        /** @description What routing decided for one order line, and why */
        LinePlan: {
            lineId: string;
            dealerSku: string;
            quantity: number;
            /** @enum {string} */
            status: "routed" | "needs_resolution" | "already_dropshipped";
            chosen: components["schemas"]["CandidateAssessment"] | null;
            why: string[];
            candidates: components["schemas"]["CandidateAssessment"][];
            reasons: components["schemas"]["Reason"][];
        };
        /** @description The routed lines and the purchase orders proposed for them */
        DropshipPlan: {
            lines: components["schemas"]["LinePlan"][];
            purchaseOrders: {
                /** @enum {string} */
                distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                shipMethod: string;
                lines: {
                    lineId: string;
                    dealerSku: string;
                    distributorSku: string;
                    quantity: number;
                }[];
            }[];
        };
        /** @description A drop-ship's live state, as its workflow holds it */
        DropshipState: {
            /** Format: uuid */
            id: string;
            workflowId: string;
            /** @enum {string} */
            phase: "planning" | "awaiting_confirmation" | "submitting" | "in_progress" | "completed" | "needs_resolution" | "cancelled" | "expired";
            /** @enum {string} */
            mode: "auto" | "manual";
            plan: components["schemas"]["DropshipPlan"] | null;
            purchaseOrders: {
                /** @enum {string} */
                distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                poNumber: string;
                workflowId: string;
                /** @description The PO workflow's result once it has finished */
                result: {
                    poNumber: string;
                    /** @enum {string} */
                    distributor: "wps" | "parts_unlimited" | "tucker_rocky" | "automatic";
                    /** @enum {string} */
                    status: "pending" | "submitted" | "accepted" | "backordered" | "partially_shipped" | "shipped" | "cancelled" | "needs_attention" | "failed" | "unknown" | "given_up";
                    trackingNumbers: string[];
                    failureReason: string | null;
                    giveUpAt: number | null;
                } | null;
            }[];
            /** @description Why the last confirmation could not be carried out, for the dealer to fix and confirm again */
            problem: string | null;
            reminded: boolean;
        };
        /** @description Something that needs a person */
        InboxEntry: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "po_failed" | "po_unknown" | "distributor_account" | "order_cancelled_on_channel" | "po_cancelled_by_distributor" | "po_backordered" | "cancellation_task" | "shipped_after_cancel" | "ship_by_at_risk" | "needs_resolution" | "po_given_up" | "confirmation_waiting" | "notification_failed";
            title: string;
            message: string;
            /** @enum {string} */
            status: "open" | "resolved";
            /** @description The order it concerns, if any */
            order: {
                /** Format: uuid */
                id: string;
                channel: string;
                channelOrderId: string;
            } | null;
            poNumber: string | null;
            /** Format: date-time */
            raisedAt: string;
            resolvedAt: string | null;
            /** @description Who marked it dealt with; "system" when it closed by itself */
            resolvedBy: string | null;
            /** @description Its cause went away (see resolution) without anyone marking it */
            closedByItself: boolean;
            /** @description Why it closed by itself, e.g. "every line of the order routes now" */
            resolution: string | null;
            /** @description What fixes it, the one to offer first leading; none means mark it dealt with */
            actions: ("retry" | "reroute" | "request_cancellation" | "follow_cancellation" | "resolve_lines" | "reconnect_account" | "confirm_dropship")[];
        };
        /** @description One package the distributor shipped */
        Shipment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            poId: string;
            carrier: string;
            trackingNumber: string;
            /** @description The carrier's tracking page, when Dropline knows the carrier */
            trackingUrl: string | null;
            shipMethod: string | null;
            /** @description The day the distributor says the package shipped, as YYYY-MM-DD: a calendar date, not an instant (distributors give no time of day), so show it as that day in every time zone */
            shippedOn: string | null;
            createdAt: string;
            lines: {
                distributorSku: string;
                quantity: number;
            }[];
        };
        /** @description A purchase order with its lines and packages */
        PurchaseOrder: {
            /** Format: uuid */
            id: string;
            dealerId: string;
            /** Format: uuid */
            orderId: string;
            /** @description The channel's order number */
            orderNumber: string;
            /** Format: uuid */
            dropshipId: string;
            /** @description A distributor id */
            distributor: string;
            poNumber: string;
            workflowId: string;
            /** @description pending, submitted, accepted, backordered, partially_shipped, shipped, cancelled, needs_attention, failed, unknown, given_up */
            status: string;
            shipMethod: string;
            distributorOrderRefs: string[];
            failureReason: string | null;
            submittedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            lines: {
                /** Format: uuid */
                poId: string;
                /** Format: uuid */
                orderLineId: string;
                dealerSku: string;
                distributorSku: string;
                quantity: number;
                shippedQty: number;
                cancelledQty: number;
                /** @description Units the distributor reports backordered */
                backorderedQty: number;
                /** @description Units moved to another distributor by a re-route */
                reroutedQty: number;
                /** @description Where the request to cancel this line stands; null when none was made */
                cancelState: ("requested" | "cancelled" | "refused" | "unknown" | "shipped_after_cancel") | null;
            }[];
            shipments: components["schemas"]["Shipment"][];
            /** @description The PO whose lines this one re-routes */
            reroutedFrom: string | null;
            /** @description POs that took over lines of this one */
            reroutedTo: string[];
            /** @description The request to cancel what has not shipped, once made */
            cancellation: {
                requestedAt: string;
                requestedBy: string;
                reason: string | null;
                /** @description api: the distributor's cancel API; task: the dealer asks the distributor */
                via: ("api" | "task") | null;
                /** @description What the distributor answered, or what the dealer must do */
                note: string | null;
            } | null;
            /** @description What the dealer can do to this PO now */
            actions: ("retry" | "reroute" | "request_cancellation")[];
        };
        /** @description A purchase order with its status history */
        PurchaseOrderDetail: {
            /** Format: uuid */
            id: string;
            dealerId: string;
            /** Format: uuid */
            orderId: string;
            /** @description The channel's order number */
            orderNumber: string;
            /** Format: uuid */
            dropshipId: string;
            /** @description A distributor id */
            distributor: string;
            poNumber: string;
            workflowId: string;
            /** @description pending, submitted, accepted, backordered, partially_shipped, shipped, cancelled, needs_attention, failed, unknown, given_up */
            status: string;
            shipMethod: string;
            distributorOrderRefs: string[];
            failureReason: string | null;
            submittedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            lines: {
                /** Format: uuid */
                poId: string;
                /** Format: uuid */
                orderLineId: string;
                dealerSku: string;
                distributorSku: string;
                quantity: number;
                shippedQty: number;
                cancelledQty: number;
                /** @description Units the distributor reports backordered */
                backorderedQty: number;
                /** @description Units moved to another distributor by a re-route */
                reroutedQty: number;
                /** @description Where the request to cancel this line stands; null when none was made */
                cancelState: ("requested" | "cancelled" | "refused" | "unknown" | "shipped_after_cancel") | null;
            }[];
            shipments: components["schemas"]["Shipment"][];
            /** @description The PO whose lines this one re-routes */
            reroutedFrom: string | null;
            /** @description POs that took over lines of this one */
            reroutedTo: string[];
            /** @description The request to cancel what has not shipped, once made */
            cancellation: {
                requestedAt: string;
                requestedBy: string;
                reason: string | null;
                /** @description api: the distributor's cancel API; task: the dealer asks the distributor */
                via: ("api" | "task") | null;
                /** @description What the distributor answered, or what the dealer must do */
                note: string | null;
            } | null;
            /** @description What the dealer can do to this PO now */
            actions: ("retry" | "reroute" | "request_cancellation")[];
            statusHistory: {
                status: string;
                /** Format: date-time */
                at: string;
                summary: string;
                actorType: string;
                actorId: string | null;
            }[];
        };
        Address: {
            name: string;
            company?: string;
            line1: string;
            line2?: string;
            city: string;
            region: string;
            postalCode: string;
            country: string;
            phone?: string;
        };
        /** @description An order as the channel sent it */
        Order: {
            /** Format: uuid */
            id: string;
            dealerId: string;
            /** @description website, ebay, amazon, shopify */
            channel: string;
            channelOrderId: string;
            buyerName: string;
            buyerEmail: string | null;
            buyerPhone: string | null;
            shipTo: components["schemas"]["Address"];
            shippingRateName: string;
            /** @description open, awaiting_payment, dropshipping, partially_shipped, shipped, cancelled */
            status: string;
            /** Format: date-time */
            placedAt: string;
            /** @description When the order must have shipped: the channel’s ship-by date (eBay, Amazon) or the dealer’s handling time (website, Shopify) */
            shipBy: string | null;
            /** @description For an order not shipped or cancelled: due_soon when its ship-by date is within 24 hours, overdue once it has passed; otherwise null */
            shipByAlert: ("due_soon" | "overdue") | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description An order as the dashboard lists it: buyer, items, total, and whether it is ready or what to resolve */
        DashboardOrder: {
            /** Format: uuid */
            id: string;
            dealerId: string;
            /** @description website, ebay, amazon, shopify */
            channel: string;
            channelOrderId: string;
            buyerName: string;
            buyerEmail: string | null;
            buyerPhone: string | null;
            shipTo: components["schemas"]["Address"];
            shippingRateName: string;
            /** @description open, awaiting_payment, dropshipping, partially_shipped, shipped, cancelled */
            status: string;
            /** Format: date-time */
            placedAt: string;
            /** @description When the order must have shipped: the channel’s ship-by date (eBay, Amazon) or the dealer’s handling time (website, Shopify) */
            shipBy: string | null;
            /** @description For an order not shipped or cancelled: due_soon when its ship-by date is within 24 hours, overdue once it has passed; otherwise null */
            shipByAlert: ("due_soon" | "overdue") | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            items: {
                dealerSku: string;
                title: string | null;
                quantity: number;
            }[];
            /** @description The sum of the lines, quantity times unit price */
            totalCents: number;
            preview: components["schemas"]["RoutingPreview"];
            /** @description Distributors holding a PO of the order that is not failed or cancelled */
            placedWith: string[];
            /** @description The oldest open exception of the order, in words; null when none */
            attention: string | null;
        };
        /** @description An order and its lines */
        OrderWithLines: {
            /** Format: uuid */
            id: string;
            dealerId: string;
            /** @description website, ebay, amazon, shopify */
            channel: string;
            channelOrderId: string;
            buyerName: string;
            buyerEmail: string | null;
            buyerPhone: string | null;
            shipTo: components["schemas"]["Address"];
            shippingRateName: string;
            /** @description open, awaiting_payment, dropshipping, partially_shipped, shipped, cancelled */
            status: string;
            /** Format: date-time */
            placedAt: string;
            /** @description When the order must have shipped: the channel’s ship-by date (eBay, Amazon) or the dealer’s handling time (website, Shopify) */
            shipBy: string | null;
            /** @description For an order not shipped or cancelled: due_soon when its ship-by date is within 24 hours, overdue once it has passed; otherwise null */
            shipByAlert: ("due_soon" | "overdue") | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            lines: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                orderId: string;
                lineNumber: number;
                channelLineId: string | null;
                dealerSku: string;
                title: string | null;
                quantity: number;
                unitPriceCents: number;
            }[];
        };
        /** @description One entry of the audit trail: who did what, when */
        AuditEvent: {
            id: number;
            dealerId: string;
            orderId: string | null;
            poNumber: string | null;
            /** Format: date-time */
            at: string;
            actorType: string;
            actorId: string | null;
            type: string;
            summary: string;
            details: {
                [key: string]: unknown;
            };
            dedupeKey: string | null;
        };
        /** @description One drop-ship of an order, as last recorded */
        OrderDropship: {
            /** Format: uuid */
            id: string;
            dealerId: string;
            /** Format: uuid */
            orderId: string;
            sequence: number;
            workflowId: string;
            poBase: string;
            mode: string;
            status: string;
            plan: components["schemas"]["DropshipPlan"] | null;
            shipTo: components["schemas"]["Address"] | null;
            /** @description Set on a re-route: the PO whose refused, cancelled or backordered lines this drop-ship moves */
            rerouteOf: string | null;
            /** @description Distributors a re-route does not use, with why */
            excludedDistributors: {
                distributor: string;
                reason: string;
            }[];
            /** @description An automatic failover's cost ceiling, as a share of the sale price */
            maxCostPercent: number | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description An order with everything known about it */
        OrderDetail: {
            /** Format: uuid */
            id: string;
            dealerId: string;
            /** @description website, ebay, amazon, shopify */
            channel: string;
            channelOrderId: string;
            buyerName: string;
            buyerEmail: string | null;
            buyerPhone: string | null;
            shipTo: components["schemas"]["Address"];
            shippingRateName: string;
            /** @description open, awaiting_payment, dropshipping, partially_shipped, shipped, cancelled */
            status: string;
            /** Format: date-time */
            placedAt: string;
            /** @description When the order must have shipped: the channel’s ship-by date (eBay, Amazon) or the dealer’s handling time (website, Shopify) */
            shipBy: string | null;
            /** @description For an order not shipped or cancelled: due_soon when its ship-by date is within 24 hours, overdue once it has passed; otherwise null */
            shipByAlert: ("due_soon" | "overdue") | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            lines: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                orderId: string;
                lineNumber: number;
                channelLineId: string | null;
                dealerSku: string;
                title: string | null;
                quantity: number;
                unitPriceCents: number;
                /** @description How the latest drop-ship judged the line; null before any routing */
                eligibility: {
                    /** @enum {string} */
                    status: "routed" | "needs_resolution" | "already_dropshipped";
                    reasons: components["schemas"]["Reason"][];
                    chosen: components["schemas"]["CandidateAssessment"] | null;
                    why: string[];
                    candidates: components["schemas"]["CandidateAssessment"][];
                } | null;
            }[];
            dropships: components["schemas"]["OrderDropship"][];
            purchaseOrders: components["schemas"]["PurchaseOrder"][];
            auditTrail: components["schemas"]["AuditEvent"][];
        };
        /** @description The dealer's order-automation settings */
        DealerSettings: {
            autoProcessing: boolean;
            /** @description Most preferred first */
            distributorPreference: ("wps" | "parts_unlimited" | "tucker_rocky" | "automatic")[];
            /** @description In dollars: lines priced below it are not drop-shipped */
            dropshipCutoff: number;
            stockBuffer: number;
            notificationEmail: string | null;
            emailFrom: string | null;
            emailReplyTo: string | null;
            /** @description Email the buyer when a distributor backorders or cancels part of their order */
            notifyBuyerOfPoChanges: boolean;
            poPrefix: string;
            timeZone: string;
            /** @description A drop-ship waiting this long for confirmation sends the dealer a reminder */
            confirmReminderHours: number;
            /** @description A drop-ship still unconfirmed after this long expires; always longer than the reminder */
            confirmExpiryHours: number;
            /** @description Automatic failover to the next eligible distributor, once per line */
            failoverPolicy: {
                /** @description Off by default */
                enabled: boolean;
                /** @description Re-route when a distributor refuses a PO */
                onRefusal: boolean;
                /** @description Re-route lines the distributor cancels */
                onDistributorCancel: boolean;
                /** @description Re-route lines backordered longer than this many days; null never */
                backorderDays: number | null;
                /** @description A re-routed line may cost at most this share of its sale price */
                maxCostPercent: number;
            };
            /** @description Business days to ship an order from a channel that gives no ship-by date (eBay and Amazon do): its deadline is the end of that many business days (Monday to Friday, in the dealer’s time zone) after the day it was placed */
            handlingDays: {
                website: number;
                shopify: number;
            };
        };
        /** @description One step of setting up drop-shipping */
        SetupItem: {
            /** @enum {string} */
            step: "distributor" | "channel" | "catalog_feed" | "shipping" | "notification_email";
            title: string;
            done: boolean;
            /** @description What is missing, or what is in place */
            detail: string;
            /** @description The settings page that does it */
            href: string;
        };
        /** @description What one store shipping rate means at each distributor */
        ShippingMapping: {
            channel: string;
            rateName: string;
            /** @description The method code at each distributor; a distributor left out is unmapped */
            methods: {
                [key: string]: string;
            };
        };
        /** @description A distributor warehouse and how many days its stock takes to ship */
        Warehouse: {
            /** @description A distributor id */
            distributor: string;
            code: string;
            name: string;
            leadTimeDays: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
export type operations = Record<string, never>;
