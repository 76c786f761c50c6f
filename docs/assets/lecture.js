// Lecture mode: a page's (or a chapter's) videos full screen, each stopping at the end of every
// captioned beat, so a lecturer talks over a still frame and moves on when ready.
// Keys: Space, right arrow or PageDown (what presenter clickers send) go on to the next beat;
// left arrow or PageUp go back one; Escape leaves. The beats are the caption cues of the same
// WebVTT track the page already shows: no second render, no other request.

const NEXT_KEYS = new Set([" ", "Spacebar", "ArrowRight", "PageDown"])
const BACK_KEYS = new Set(["ArrowLeft", "PageUp"])

// The palette the page shows: Material's light scheme ("default") gets the videos drawn on
// white, its dark one ("slate") those on the dark slate.
function pagePalette() {
  return document.body.dataset.mdColorScheme === "default" ? "light" : "dark"
}

// Every presentable video on the page, in reading order (the hooks mark them), in the
// variant of the page's palette (the dark one where a scene has no other).
function videosOnPage() {
  const light = pagePalette() === "light"
  return [...document.querySelectorAll("[data-lecture-mp4]")].map(el => ({
    name: el.dataset.lectureName,
    title: el.dataset.lectureTitle,
    palette: light && el.dataset.lectureMp4Light ? "light" : "dark",
    mp4: (light && el.dataset.lectureMp4Light) || el.dataset.lectureMp4,
    vtt: (light && el.dataset.lectureVttLight) || el.dataset.lectureVtt,
    fps: Number(el.dataset.lectureFps),
    chapter: el.dataset.lectureChapter || "",
  }))
}

class Presenter {
  constructor(videos, start, opener) {
    this.videos = videos
    this.opener = opener
    this.stage = document.createElement("div")
    this.stage.className = "lecture-stage"
    this.stage.setAttribute("role", "dialog")
    this.stage.setAttribute("aria-modal", "true")
    this.stage.setAttribute("aria-label", "Lecture mode")
    this.stage.tabIndex = -1
    this.stage.innerHTML = `
      <video playsinline preload="auto"></video>
      <div class="lecture-bar">
        <span class="lecture-title"></span>
        <span class="lecture-beat" aria-live="polite"></span>
        <button type="button" data-do="back">Back</button>
        <button type="button" data-do="next">Next</button>
        <button type="button" data-do="exit">Exit</button>
      </div>`
    this.video = this.stage.querySelector("video")
    this.stage.addEventListener("click", e => {
      const action = e.target.closest("button")?.dataset.do
      if (action) this[action]()
    })
    this.onKey = e => this.key(e)
    this.onFullscreen = () => document.fullscreenElement || this.exit()
    document.addEventListener("keydown", this.onKey, true)
    document.body.append(this.stage)
    this.stage.requestFullscreen?.().then(
      () => document.addEventListener("fullscreenchange", this.onFullscreen),
      () => {}, // a browser that refuses full screen still gets the stage over the page
    )
    this.stage.focus()
    this.load(start, "start")
  }

  // Load video i; `at` is "start" (before its first beat) or "end" (stopped at its last).
  load(i, at) {
    this.index = i
    this.stops = []
    this.beat = -1
    this.target = null
    const v = this.videos[i]
    this.video.pause()
    this.video.querySelector("track")?.remove()
    const track = document.createElement("track")
    Object.assign(track, { kind: "captions", srclang: "en", label: "English", default: true })
    track.src = v.vtt
    this.video.append(track)
    this.video.src = v.mp4
    this.stage.querySelector(".lecture-title").textContent = v.title
    this.show()
    this.ready = new Promise(resolve => {
      track.addEventListener("load", () => {
        this.stops = [...track.track.cues].map(cue => cue.endTime)
        resolve()
      })
    }).then(() => {
      track.track.mode = "showing"
      if (at === "end") this.stopAt(this.stops.length - 1)
      this.show()
    })
    track.track.mode = "showing"
    return this.ready
  }

  frame() {
    return 1 / this.videos[this.index].fps
  }

  // Hold the last frame of beat k: half a frame before its cue ends.
  stopAt(k) {
    this.video.pause()
    this.target = null
    this.beat = k
    this.video.currentTime = Math.max(0, this.stops[k] - this.frame() / 2)
    this.show()
  }

  show() {
    const n = this.stops.length
    const here = !n ? "loading" : this.beat < 0 ? "ready" : `beat ${this.beat + 1} of ${n}`
    const where = `video ${this.index + 1} of ${this.videos.length}`
    this.stage.querySelector(".lecture-beat").textContent = `${here} · ${where}`
    this.stage.dataset.video = this.videos[this.index].name
    this.stage.dataset.palette = this.videos[this.index].palette
    this.stage.dataset.beat = String(this.beat)
    this.stage.dataset.playing = String(this.target !== null)
  }

  async next() {
    await this.ready
    if (this.target !== null) return this.stopAt(this.target) // a second press skips ahead
    if (this.beat >= this.stops.length - 1) {
      if (this.index + 1 >= this.videos.length) return
      await this.load(this.index + 1, "start")
    }
    this.target = this.beat + 1
    this.show()
    this.video.play()
    this.watch()
  }

  // Stop on the frame the beat ends with: checked on every frame drawn.
  watch() {
    if (this.target === null) return
    const stop = this.stops[this.target]
    if (this.video.currentTime >= stop - this.frame() || this.video.ended) {
      this.stopAt(this.target)
      return
    }
    requestAnimationFrame(() => this.watch())
  }

  // Back one beat; from the first, to the video's start; from there, to the previous video.
  async back() {
    await this.ready
    if (this.beat > 0) return this.stopAt(this.beat - 1)
    if (this.beat < 0 && this.index > 0) return this.load(this.index - 1, "end")
    this.video.pause()
    this.target = null
    this.beat = -1
    this.video.currentTime = 0
    this.show()
  }

  key(e) {
    if (NEXT_KEYS.has(e.key)) this.next()
    else if (BACK_KEYS.has(e.key)) this.back()
    else if (e.key === "Escape") this.exit()
    else return
    e.preventDefault()
    e.stopPropagation()
  }

  exit() {
    document.removeEventListener("keydown", this.onKey, true)
    document.removeEventListener("fullscreenchange", this.onFullscreen)
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {})
    this.video.pause()
    this.stage.remove()
    this.opener?.focus()
  }
}

function present(button) {
  const chapter = button.dataset.lectureChapter
  const videos = videosOnPage().filter(v => !chapter || v.chapter === chapter)
  const start = Math.max(0, videos.findIndex(v => v.name === button.dataset.lectureFrom))
  if (videos.length) window.lecture = new Presenter(videos, start, button)
}

// One listener for the whole document: it survives Material's instant navigation.
document.addEventListener("click", e => {
  const button = e.target.closest("button.lecture-present")
  if (button) present(button)
})
