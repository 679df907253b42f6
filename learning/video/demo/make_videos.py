"""Regenerate the demo video guides from their Danish manuscripts (``manuscripts.py``).

For each guide it draws one slide per manuscript step with Pillow (sketched screens, never copies
of real systems), speaks each sentence with espeak-ng's Danish voice, and puts the two together
with ffmpeg twice from the same slides and narration: a small WebM (VP9 + Opus) and a small MP4
(H.264 + AAC, yuv420p, the index first for streaming) that Safari on iPhone plays. The captions
(one cue per spoken sentence) and the chapters are written from the same manuscript with the
measured length of each sentence, so what is shown is what is said. The outputs are committed:
`make run` needs none of the tools.

Usage, from the repository root (needs espeak-ng, ffmpeg with libvpx-vp9, libopus and libx264,
Pillow):

    python learning/video/demo/make_videos.py            # every guide
    python learning/video/demo/make_videos.py fmk km     # only these keys
"""

import json
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from manuscripts import GUIDES, MANIFEST  # noqa: E402  (a script run from anywhere)

WIDTH, HEIGHT, FPS = 640, 360, 5
VOICE, WORDS_PER_MINUTE = "da", 160
PAUSE_SENTENCE, PAUSE_SLIDE = 0.35, 0.9
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
INK, MUTED, ACCENT, PAPER, PANEL = "#1b2b3a", "#5b6b7a", "#0b6e8a", "#ffffff", "#eef3f6"
SKETCH = "Skitse – ikke et rigtigt skærmbillede"
# The same video twice: WebM for browsers that prefer it, MP4 (H.264 Main, AAC, yuv420p, the index
# at the front) for Safari on iPhone. Slides change every few seconds, so low bit rates suffice.
RENDITIONS = {
    "webm": [
        "-c:v", "libvpx-vp9", "-b:v", "40k", "-crf", "42", "-g", str(FPS * 10),
        "-deadline", "good", "-cpu-used", "4", "-row-mt", "1",
        "-c:a", "libopus", "-b:a", "20k", "-ac", "1",
    ],
    "mp4": [
        "-c:v", "libx264", "-profile:v", "main", "-preset", "slow", "-tune", "stillimage",
        "-crf", "30", "-g", str(FPS * 10), "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "24k", "-ac", "1",
        "-movflags", "+faststart",
    ],
}  # fmt: skip


def font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def wrap(draw, text, face, width):
    """Lines of ``text`` that fit ``width`` pixels in ``face``."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=face) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + ([line] if line else [])


def draw_slide(guide, slide, number, total):
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 28], fill=ACCENT)
    draw.text((12, 6), guide["title"], font=font(14, bold=True), fill=PAPER)
    draw.text((WIDTH - 60, 6), f"{number}/{total}", font=font(14), fill=PAPER)
    y = 44
    for line in wrap(draw, slide["heading"], font(24, bold=True), WIDTH - 40):
        draw.text((20, y), line, font=font(24, bold=True), fill=INK)
        y += 30
    y += 6
    if slide["kind"] == "screen":
        draw_screen(draw, slide, y)
    else:
        for item in slide["items"]:
            lines = wrap(draw, item, font(18), WIDTH - 80)
            draw.ellipse([26, y + 7, 34, y + 15], fill=ACCENT)
            for line in lines:
                draw.text((44, y), line, font=font(18), fill=INK)
                y += 24
            y += 8
    # The bottom band stays empty: the player draws the captions there.
    return image


def draw_screen(draw, slide, top):
    """A generic system window: a title bar, a list of fields, one of them highlighted."""
    left, right, bottom = 40, WIDTH - 40, HEIGHT - 70
    draw.rounded_rectangle([left, top, right, bottom], radius=6, outline=MUTED, fill=PANEL)
    draw.rectangle([left, top, right, top + 24], fill="#d5dee5")
    draw.text((left + 10, top + 4), slide["window"], font=font(14, bold=True), fill=INK)
    draw.text((right - 270, top + 5), SKETCH, font=font(11), fill=MUTED)
    y = top + 34
    for index, item in enumerate(slide["items"]):
        box = [left + 12, y, right - 12, y + 26]
        if index == slide.get("highlight"):
            draw.rectangle(box, fill="#fff4c2", outline="#c98a00", width=2)
        else:
            draw.rectangle(box, fill=PAPER, outline="#c4ced6")
        draw.text((left + 20, y + 4), item, font=font(15), fill=INK)
        y += 32


def speak(text, path):
    subprocess.run(  # noqa: S603  (fixed arguments, manuscript text; espeak-ng on PATH)
        ["espeak-ng", "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(path), text],  # noqa: S607
        check=True,
    )
    with wave.open(str(path)) as sound:
        return sound.getparams(), sound.readframes(sound.getnframes())


def timestamp(seconds):
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def build(guide, work):
    """Slides, narration, captions and chapters of one guide; returns its duration in seconds."""
    stem = guide["stem"]
    params, audio, clock = None, bytearray(), 0.0
    cues, chapters, frames = [], [], []
    slides = guide["slides"]
    for number, slide in enumerate(slides, start=1):
        if slide.get("chapter"):
            chapters.append([clock, slide["chapter"]])
        start = clock
        for index, sentence in enumerate(slide["say"]):
            params, frames_audio = speak(sentence, work / "sentence.wav")
            length = len(frames_audio) / (params.sampwidth * params.framerate)
            audio += frames_audio
            cues.append((clock, clock + length, sentence))
            last = index == len(slide["say"]) - 1
            pause = PAUSE_SLIDE if last else PAUSE_SENTENCE
            audio += b"\0" * (int(pause * params.framerate) * params.sampwidth)
            clock += length + pause
        png = work / f"slide{number:02d}.png"
        draw_slide(guide, slide, number, len(slides)).save(png)
        frames.append((png, clock - start))
    with wave.open(str(work / "narration.wav"), "wb") as out:
        out.setparams(params)
        out.writeframes(bytes(audio))
    listing = "".join(f"file '{png}'\nduration {length:.3f}\n" for png, length in frames)
    (work / "slides.txt").write_text(listing + f"file '{frames[-1][0]}'\n")
    for container, codecs in RENDITIONS.items():
        encode(work, clock, codecs, HERE / f"{stem}.{container}")
    write_vtt(HERE / f"{stem}.da.vtt", cues)
    chapter_cues = [
        (start, chapters[i + 1][0] if i + 1 < len(chapters) else clock, title)
        for i, (start, title) in enumerate(chapters)
    ]
    write_vtt(HERE / f"{stem}.chapters.vtt", chapter_cues)
    return round(clock, 3)


def encode(work, clock, codecs, target):
    """One rendition of the slides and narration in ``work``, cut at the spoken length."""
    subprocess.run(  # noqa: S603  (fixed arguments; ffmpeg on PATH)
        [  # noqa: S607
            "ffmpeg", "-v", "error", "-y",
            "-f", "concat", "-safe", "0", "-i", str(work / "slides.txt"),
            "-i", str(work / "narration.wav"),
            "-vf", f"fps={FPS},format=yuv420p",
            *codecs,
            "-t", f"{clock:.3f}", "-bitexact",
            str(target),
        ],
        check=True,
    )  # fmt: skip


def write_vtt(path, cues):
    body = "".join(
        f"{n}\n{timestamp(start)} --> {timestamp(end)}\n{text}\n\n"
        for n, (start, end, text) in enumerate(cues, start=1)
    )
    path.write_text("WEBVTT\n\nNOTE Demo: skrevet ud fra manuskriptet i manuscripts.py.\n\n" + body)


def main(keys):
    for tool in ("espeak-ng", "ffmpeg"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install -y {tool}")
    manifest = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
    for guide in GUIDES:
        if keys and guide["key"] not in keys:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            manifest[guide["stem"]] = build(guide, Path(tmp))
        stem = guide["stem"]
        sizes = ", ".join(
            f"{container} {(HERE / f'{stem}.{container}').stat().st_size // 1024} KiB"
            for container in RENDITIONS
        )
        print(f"{stem}: {manifest[stem]} s, {sizes}")  # noqa: T201  (a command-line script)
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(set(sys.argv[1:]))
