import sharp from 'sharp';

/** A real JPEG carrying camera-identifying EXIF and a GPS position near the Friendship Bridge. */
export function jpegWithExif(color = '#336699', width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'SecretCam', Model: 'Serial-123456' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 6/1 5916/100', GPSLongitudeRef: 'E', GPSLongitude: '124/1 23/1 2608/100' },
    })
    .toBuffer();
}
