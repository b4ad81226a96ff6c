import type { Duplex } from 'node:stream';

/**
 * The wire between the server and its PGlite process (decision 0025): each frame is a length (4 bytes), a
 * connection number (4 bytes) and a protocol exchange or its reply, as PGlite reads and writes them.
 */
export function writeFrame(socket: Duplex, connection: number, bytes: Uint8Array): void {
  const head = Buffer.allocUnsafe(8);
  head.writeUInt32BE(bytes.byteLength, 0);
  head.writeUInt32BE(connection, 4);
  socket.cork();
  socket.write(head);
  socket.write(bytes);
  socket.uncork();
}

/** Calls `onFrame` for every whole frame the socket brings, however its bytes were split. */
export function readFrames(socket: Duplex, onFrame: (connection: number, bytes: Buffer) => void): void {
  let held: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    held = held.length ? Buffer.concat([held, chunk]) : chunk;
    let at = 0;
    while (held.length - at >= 8 && held.length - at - 8 >= held.readUInt32BE(at)) {
      const length = held.readUInt32BE(at);
      onFrame(held.readUInt32BE(at + 4), held.subarray(at + 8, at + 8 + length));
      at += 8 + length;
    }
    held = held.subarray(at);
  });
}
