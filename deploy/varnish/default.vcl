vcl 4.1;
#
# Varnish in front of Quire (Varnish 7.1+, varnish-modules for xkey). What it does:
# - caches public GET/HEAD answers for as long as Quire's Cache-Control says (s-maxage first),
#   keeps Vary (Quire varies on Accept-Encoding only), never caches writes or anything sent with
#   Authorization, answers If-None-Match itself from the cached object's ETag;
# - tags every object with Quire's Surrogate-Key so Quire's purge worker (PURGE_VARNISH_URLS)
#   can purge by key: `PURGE /` with `xkey-softpurge: article:42 list:articles …` (or `xkey-purge`),
#   accepted only from the addresses in the `quire_purgers` ACL;
# - serves stale objects: within stale-while-revalidate while one background fetch refreshes them,
#   and for up to 24 hours while the origin is down (stale-if-error).
# Keep BACKEND and the ACL in step with where Quire runs (test/deploy/varnish.test.ts rewrites them).

import std;
import xkey;

backend quire_origin {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # sick after 2 failed probes of 3: the stale-if-error window opens (vcl_recv)
    .probe = {
        .url = "/health/live";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
    }
}

# Who may purge: the Quire processes' addresses (loopback when they share the machine).
acl quire_purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ quire_purgers) {
            return (synth(403, "Forbidden"));
        }
        # soft: the objects turn stale (grace still serves them while one request refetches);
        # hard: they are gone. Keys are space-separated; the answer says how many objects matched.
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        } else if (req.http.xkey-softpurge) {
            set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
        } else {
            return (synth(400, "xkey-purge or xkey-softpurge header required"));
        }
        return (synth(200, "Purged " + req.http.x-purged));
    }

    # writes and anything unusual go straight to Quire, uncached
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # authenticated answers are private (Quire sends private, no-store): never look them up
    if (req.http.Authorization) {
        return (pass);
    }
    # Quire reads no cookies; one left by a frontend on the same host must not split the cache
    unset req.http.Cookie;

    # one cache entry per query, whatever the parameter order (?limit=5&edition=en = ?edition=en&limit=5).
    # Unknown parameters are not stripped: Quire answers them with 400, which it marks no-store.
    set req.url = std.querysort(req.url);

    # Accept-Encoding: Varnish's own gzip support (http_gzip_support, on by default) already reduces
    # it to "gzip" or nothing and gunzips for clients without gzip, so at most two variants per URL;
    # brotli is traded for that hit ratio. Spelled out here so the rule does not depend on a parameter.
    if (req.http.Accept-Encoding ~ "gzip") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    # stale-while-revalidate while Quire is healthy; up to the object's full grace (24 h) while it is
    # sick, i.e. stale-if-error. CACHE_STALE_WHILE_REVALIDATE defaults to 600 s.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 600s;
    }

    # If-None-Match / If-Modified-Since from the client: Varnish answers 304 itself when the
    # cached object's ETag matches; on a miss it fetches the full object (it needs the body) and
    # still answers the client's condition. Nothing to do here.
    return (hash);
}

sub vcl_backend_fetch {
    # the one cookie-free, credential-free request per object
    unset bereq.http.Cookie;
}

sub vcl_backend_response {
    # the surrogate keys Quire names become the object's xkey tags
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Quire's stale-while-revalidate sets beresp.grace (builtin); keep objects 24 h past their TTL
    # for stale-if-error, and as long again for conditional refreshes (Varnish sends If-None-Match
    # with the stored ETag; Quire's 304 renews the object without a body)
    if (beresp.ttl > 0s) {
        set beresp.grace = 24h;
        set beresp.keep = 24h;
    }
    # 5xx from Quire is not stored: a grace object, if any, keeps being served instead
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # everything else (no-store, private, Set-Cookie, Vary: *) is decided by the builtin VCL
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.x-cache-state = "STALE";
    }
}

sub vcl_deliver {
    # X-Cache for people and tests: HIT, STALE (grace: served while refetched) or MISS.
    # Quire's own X-Cache (its in-process response cache) stays readable as X-Origin-Cache.
    if (resp.http.X-Cache) {
        set resp.http.X-Origin-Cache = resp.http.X-Cache;
    }
    if (obj.hits > 0 && req.http.x-cache-state) {
        set resp.http.X-Cache = req.http.x-cache-state;
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # the tags are for caches; Surrogate-Key and Cache-Tag stay for a CDN in front of this node
    unset resp.http.xkey;
}
