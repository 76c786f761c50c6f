"""One fresh render, finished: made to stream, verified, given a poster and WebVTT captions.

PyAV does the video work (no system ffmpeg needed), Pillow the poster, webvtt-py the captions.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import av
import webvtt
from PIL import Image

POSTER_WIDTH = 960  # half of 1080p: sharp in the article column, light on the first load
POSTER_QUALITY = 70


class RenderCheckError(Exception):
    """A rendered video fails verification."""


@dataclass(frozen=True)
class VideoFacts:
    width: int
    height: int
    fps: float
    frames: int
    duration_s: float


def verify(video: Path, expected_fps: float) -> VideoFacts:
    """Prove the video whole without decoding every frame (that cost ~3.5 CPU-s for 25 s of
    1080p): every frame's packet is there, with the timestamp of frame k at k / fps (so the
    count fits the duration and no frame is missing or doubled), and every keyframe decodes
    (each group of pictures starts right). The poster then decodes the last frames."""
    try:
        with av.open(str(video)) as container:
            stream = container.streams.video[0]
            width, height = stream.codec_context.width, stream.codec_context.height
            codec, pix_fmt = stream.codec_context.name, stream.codec_context.pix_fmt
            time_base = stream.time_base
            duration = float(stream.duration * time_base) if stream.duration else 0.0
            packets = [p for p in container.demux(stream) if p.size]
            stamps = sorted(p.pts for p in packets)
            keyframes = sum(1 for p in packets if p.is_keyframe)
            container.seek(0, stream=stream)
            stream.codec_context.skip_frame = "NONKEY"
            decoded = sum(1 for _ in container.decode(stream))
    except (av.FFmpegError, IndexError, TypeError) as e:
        raise RenderCheckError(f"{video.name} does not decode: {e}") from e
    if codec != "h264" or pix_fmt != "yuv420p":
        raise RenderCheckError(f"{video.name} is {codec}/{pix_fmt}, browsers need h264/yuv420p")
    frames = len(stamps)
    if frames == 0:
        raise RenderCheckError(f"{video.name} has no frames")
    if keyframes == 0 or decoded != keyframes:
        raise RenderCheckError(
            f"{video.name}: {decoded} of its {keyframes} keyframes decode: the stream is damaged"
        )
    expected = duration * expected_fps
    if abs(frames - expected) > 1.5:
        raise RenderCheckError(
            f"{video.name}: {frames} frames for {duration:.3f} s at {expected_fps} fps "
            f"(expected about {expected:.0f}): the render is truncated or its timing is off"
        )
    # Within half a frame: joining manim's segments rounds a stamp by a millisecond or so; a
    # missing or doubled frame moves every later one by a whole frame.
    for k, pts in enumerate(stamps):
        if abs(float((pts - stamps[0]) * time_base) * expected_fps - k) > 0.5:
            raise RenderCheckError(
                f"{video.name}: frame {k} is stamped {float(pts * time_base):.3f} s, not "
                f"{k / expected_fps:.3f} s at {expected_fps} fps: frames are missing or doubled"
            )
    return VideoFacts(width, height, expected_fps, frames, round(frames / expected_fps, 3))


def remux_faststart(src: Path, dst: Path) -> None:
    """Copy the streams into an MP4 whose moov atom precedes mdat, so playback starts at once."""
    with (
        av.open(str(src)) as inp,
        av.open(str(dst), "w", format="mp4", options={"movflags": "faststart"}) as out,
    ):
        in_stream = inp.streams.video[0]
        out_stream = out.add_stream_from_template(in_stream)
        for packet in inp.demux(in_stream):
            if packet.dts is None:  # the demuxer's end-of-stream flush packet
                continue
            packet.stream = out_stream
            out.mux(packet)


def is_faststart(video: Path) -> bool:
    """True when the top-level moov box comes before mdat."""
    data = video.read_bytes()
    pos, order = 0, []
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        order.append(kind)
        if size == 1:
            size = int.from_bytes(data[pos + 8 : pos + 16], "big")
        if size < 8:
            break
        pos += size
    return b"moov" in order and b"mdat" in order and order.index(b"moov") < order.index(b"mdat")


def last_frame(video: Path) -> Image.Image:
    """The video's last frame, where every scene holds its conclusion, at full resolution."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        # Seek near the end, then decode to the last frame.
        if stream.duration:
            container.seek(max(0, stream.duration - int(2 / stream.time_base)), stream=stream)
        last = deque(container.decode(stream), maxlen=1)
    if not last:
        raise RenderCheckError(f"{video.name} has no last frame")
    return last[0].to_image()


def write_still(video: Path, still: Path) -> None:
    """The last frame at full resolution as a PNG, for slides (the lecture kit)."""
    tmp = still.with_name(f".{still.name}.part")
    last_frame(video).save(tmp, "PNG", optimize=True)
    os.replace(tmp, still)


def cue_ends(vtt: Path) -> list[float]:
    """When each captioned beat ends, in seconds (webvtt-py's own seconds are whole numbers)."""
    ends = []
    for cue in webvtt.read(str(vtt)):
        h, m, sec = cue.end.split(":")
        ends.append(int(h) * 3600 + int(m) * 60 + float(sec))
    return ends


def beat_frames(video: Path, ends: list[float]) -> list[Image.Image]:
    """The last frame of each beat: the last one shown before its cue ends (what lecture mode
    stops on). Per beat, a seek to the keyframe before that frame and decoding from there (a
    few seconds of frames, not the whole video); only the chosen frames become images."""
    chosen: list[Image.Image] = []
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        step = 1 / float(stream.average_rate)
        for end in ends:
            # The frame wanted starts at least a frame before the cue's end.
            target = max(0.0, end - step - 1e-6)
            container.seek(int(target / stream.time_base), stream=stream, backward=True)
            previous = None
            for frame in container.decode(stream):
                if frame.time >= end - 1e-6 and previous is not None:
                    break
                previous = frame
            if previous is None:
                raise RenderCheckError(f"{video.name} has no frames")
            # A beat that ends with the video (or after it) ends on its last frame.
            chosen.append(previous.to_image())
    return chosen


def write_beat_stills(video: Path, vtt: Path, folder: Path) -> None:
    """Each beat's last frame at full resolution as <folder>/01.png, 02.png, ... (for slides);
    the folder appears whole or not at all."""
    tmp = folder.with_name(f".{folder.name}.part")
    if tmp.exists():
        for old in tmp.iterdir():
            old.unlink()
    tmp.mkdir(parents=True, exist_ok=True)
    for k, image in enumerate(beat_frames(video, cue_ends(vtt)), start=1):
        image.save(tmp / f"{k:02d}.png", "PNG", optimize=True)
    os.replace(tmp, folder)


def write_poster(video: Path, poster: Path) -> None:
    """The last frame as a compact WebP, the page's poster."""
    image = last_frame(video)
    height = round(image.height * POSTER_WIDTH / image.width)
    image = image.resize((POSTER_WIDTH, height)) if image.width > POSTER_WIDTH else image
    image.save(poster, "WEBP", quality=POSTER_QUALITY, method=6)


def srt_to_vtt(srt: Path, vtt: Path) -> list[str]:
    """Convert manim's subcaption file to WebVTT; return the captions' texts in order."""
    captions = webvtt.from_srt(str(srt))
    if not len(captions):
        raise RenderCheckError(f"{srt.name} has no captions: give each beat a subcaption")
    captions.save(str(vtt))
    return [c.text for c in captions]


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def finish(raw: Path, out: Path, scene: str, fps: float) -> dict:
    """manim's MP4 (and the .srt beside it) -> out/<scene>.mp4, .webp, .vtt, .srt; the facts."""
    srt = raw.with_suffix(".srt")
    out.mkdir(parents=True)
    video = out / f"{scene}.mp4"
    remux_faststart(raw, video)
    facts = verify(video, fps)
    if not is_faststart(video):
        raise RenderCheckError(f"{video.name}: moov is not before mdat after the remux")
    if not srt.exists():
        raise RenderCheckError(f"{scene} has no captions: give each beat a subcaption")
    captions = srt_to_vtt(srt, out / f"{scene}.vtt")
    (out / f"{scene}.srt").write_bytes(srt.read_bytes())
    write_poster(video, out / f"{scene}.webp")
    return {
        "name": scene,
        "width": facts.width,
        "height": facts.height,
        "fps": fps,
        "frames": facts.frames,
        "duration_s": facts.duration_s,
        "bytes": video.stat().st_size,
        "sha256": sha256(video),
        "captions_text": captions,
    }
