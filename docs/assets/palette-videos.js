// Videos that follow the palette: each scene has a dark and a light <video> (scripts/hooks/
// embeds.py) and site.css shows the one of the page's scheme. Both are preload="none"; the
// poster is only a data-poster until the video is shown, so the hidden one loads no byte. When
// the reader switches the palette mid-video, the newly shown one carries on where the other was.

function shown(video) {
  return getComputedStyle(video).display !== "none"
}

function followPalette() {
  for (const video of document.querySelectorAll("video[data-poster]")) {
    if (!shown(video)) continue
    if (!video.hasAttribute("poster")) video.setAttribute("poster", video.dataset.poster)
    for (const other of video.parentElement.querySelectorAll("video[data-poster]")) {
      if (other === video || other.paused) continue
      const at = other.currentTime
      other.pause()
      video.currentTime = at
      video.play().catch(() => {})
    }
  }
}

// The scheme is an attribute of <body>: Material's palette toggle changes it.
new MutationObserver(followPalette).observe(document.body, {
  attributes: true,
  attributeFilter: ["data-md-color-scheme"],
})
// Printing shows the light videos (site.css): give them their posters first.
addEventListener("beforeprint", followPalette)
matchMedia("print").addEventListener("change", followPalette)
// Material's instant navigation swaps the page without reloading this script.
if (window.document$) window.document$.subscribe(followPalette)
else followPalette()
