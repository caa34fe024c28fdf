// The 12-megapixel test photo for the avatar e2e test and the benchmark:
// a 4000×3000 JPEG drawn on a canvas in the page (node has no image
// encoder here).

export async function bigJpeg(page) {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 4000;
    canvas.height = 3000;
    const g = canvas.getContext('2d');
    const gradient = g.createLinearGradient(0, 0, 4000, 3000);
    gradient.addColorStop(0, '#1d4ed8');
    gradient.addColorStop(1, '#f59e0b');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 4000, 3000);
    for (let i = 0; i < 400; i++) {
      g.fillStyle = `hsl(${i * 37 % 360} 70% 50%)`;
      g.beginPath();
      g.arc((i * 997) % 4000, (i * 613) % 3000, 40 + (i % 90), 0, Math.PI * 2);
      g.fill();
    }
    const blob = await new Promise((r) => canvas.toBlob(r, 'image/jpeg', 0.92));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
  return Buffer.from(base64, 'base64');
}
