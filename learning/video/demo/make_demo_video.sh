#!/bin/sh
# Regenerates the demo videos next to this script (committed, so `make run` needs no ffmpeg).
# Two short synthetic clips, no people and no patient data: a WebM (VP9 + Opus, plays in every
# browser including Debian's Chromium) and an MP4 (H.264 + AAC, for Safari on older iPhones).
# Usage: sh learning/video/demo/make_demo_video.sh   (needs ffmpeg with libvpx, libopus, libx264)
set -eu
cd "$(dirname "$0")"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
[ -f "$FONT" ] || FONT=$(fc-match -f '%{file}' sans)

# label(text, start, end): a caption-like line drawn into the picture between two times.
label() {
    printf "drawtext=fontfile=%s:text='%s':fontcolor=white:fontsize=20:box=1:boxcolor=black@0.6:boxborderw=6:x=(w-text_w)/2:y=h-48:enable='between(t,%s,%s)'" "$FONT" "$1" "$2" "$3"
}

ffmpeg -v error -y \
    -f lavfi -i "testsrc2=size=480x270:rate=15:duration=12" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=12" \
    -vf "$(label 'Log ind i FMK' 0 4),$(label 'Find borgerens medicinkort' 4 8),$(label 'Afstem og gem' 8 12)" \
    -c:v libvpx-vp9 -b:v 90k -deadline good -cpu-used 4 -row-mt 1 \
    -c:a libopus -b:a 24k -ac 1 \
    fmk-log-ind.webm

ffmpeg -v error -y \
    -f lavfi -i "smptebars=size=480x270:rate=15:duration=8" \
    -f lavfi -i "sine=frequency=330:sample_rate=44100:duration=8" \
    -vf "$(label 'Start et videomøde i VDX' 0 4),$(label 'Tjek lyd og billede' 4 8)" \
    -c:v libx264 -profile:v baseline -pix_fmt yuv420p -b:v 120k -movflags +faststart \
    -c:a aac -b:a 32k -ac 1 \
    vdx-videomoede.mp4

ls -l fmk-log-ind.webm vdx-videomoede.mp4
