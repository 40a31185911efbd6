"""QR codes for printed pages (building posters, party posters, villagers' survey codes), drawn as
inline SVG: no image library, no network."""

from functools import lru_cache

import segno


# A printable page draws one per building or village (up to 300 request posters), 9–20 ms each; a
# page printed twice, or previewed first, draws each link once (signed links too: core.printed signs a
# value to the same text every time). ~5 KB each, so at most ~5 MB.
@lru_cache(maxsize=1024)
def qr_svg(url: str, scale: int = 6, border: int = 2) -> str:
    return segno.make(url, error="m").svg_inline(scale=scale, border=border)
