"""The client's address, as every limit and log needs it (login lockout, rate limits, the security
log). Behind `TRUSTED_PROXY_COUNT` reverse proxies, each of which appends the address it saw to
X-Forwarded-For (nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`, or
`$remote_addr`, which overwrites), the client is the N-th address from the right; anything further
left was written by the client and is ignored. With 0 (the default: nothing in front), the header is
ignored altogether and a client cannot spoof its address. The header is believed only when the
connection comes from one of `TRUSTED_PROXIES` (the proxy's own addresses or networks; default the
loopback): a client that reaches gunicorn directly is known by its socket's address, whatever it
writes in the header.

django-ipware was tried first: its proxy_count counts proxies listed *in* the header, so behind one
nginx that overwrites the header it returned no address at all (every client one bucket; see
STACK-NOTES) — the rule here is the "trust N hops" one, small enough to read and test."""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip().strip("[]")))
    except ValueError:
        return None


def _trusted_proxy(address: str) -> bool:
    found = ipaddress.ip_address(address)
    for entry in getattr(settings, "TRUSTED_PROXIES", ()):
        try:
            if found in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            continue  # a mistyped entry trusts nothing
    return False


def client_ip(request) -> str:
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if hops <= 0 or not _trusted_proxy(remote):
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < hops:
        return remote  # not through our proxies (or misconfigured): the socket's address
    return _valid(forwarded[-hops]) or remote


def axes_client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the lockout is per user and this address."""
    return client_ip(request)
