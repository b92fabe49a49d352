using System;

namespace Esp32At.Links
{
    /// <summary>
    /// Received datagrams of one UDP link, whole and in order, in a byte ring allocated once: each record is a 2-byte
    /// length, the sender (4 + 2 bytes) and the payload. A datagram that does not fit is dropped, as a full UDP
    /// receive buffer drops it; boundaries are never merged (passive mode on ESP-AT ≤ 4.1 merges them, spec §4).
    /// Filled on the pump thread, read by the owner; the connection table's lock guards it.
    /// </summary>
    internal sealed class DatagramQueue
    {
        private const int HeaderBytes = 8;
        private readonly byte[] ring;
        private int head; // next byte to read
        private int used; // bytes of complete records
        private int writing = -1; // start of the record being filled, or -1
        private int expected;
        private int filled;

        public DatagramQueue(int capacity)
        {
            ring = new byte[capacity];
        }

        /// <summary>Datagrams waiting.</summary>
        public int Count { get; private set; }

        /// <summary>Payload bytes waiting (what Available reports).</summary>
        public int Bytes { get; private set; }

        /// <summary>Datagrams dropped because the queue was full.</summary>
        public int Dropped { get; private set; }

        /// <summary>Starts a datagram of <paramref name="length"/> bytes from the sender; false (and dropped) when it cannot fit.</summary>
        public bool Begin(int length, uint address, int port)
        {
            writing = -1;
            if (length < 0 || length > 0xFFFF || used + HeaderBytes + length > ring.Length)
            {
                Dropped++;
                return false;
            }
            writing = (head + used) % ring.Length;
            expected = length;
            filled = 0;
            Put(0, (byte)(length >> 8));
            Put(1, (byte)length);
            Put(2, (byte)address);
            Put(3, (byte)(address >> 8));
            Put(4, (byte)(address >> 16));
            Put(5, (byte)(address >> 24));
            Put(6, (byte)(port >> 8));
            Put(7, (byte)port);
            return true;
        }

        /// <summary>Adds payload to the datagram begun last; true when it is complete (then it is readable).</summary>
        public bool Append(byte[] buffer, int offset, int count)
        {
            if (writing < 0) return false;
            int n = count < expected - filled ? count : expected - filled;
            CopyIn(writing + HeaderBytes + filled, buffer, offset, n);
            filled += n;
            if (filled < expected) return false;
            used += HeaderBytes + expected;
            Count++;
            Bytes += expected;
            writing = -1;
            return true;
        }

        /// <summary>
        /// Takes the oldest datagram: copies up to <paramref name="count"/> bytes (the rest of a longer one is discarded,
        /// as recvfrom does) and returns the copied length, or -1 when none is waiting.
        /// </summary>
        public int Take(byte[] buffer, int offset, int count, out uint address, out int port)
        {
            address = 0;
            port = 0;
            if (Count == 0) return -1;
            int length = Get(0) << 8 | Get(1);
            address = (uint)(Get(2) | Get(3) << 8 | Get(4) << 16 | Get(5) << 24);
            port = Get(6) << 8 | Get(7);
            int n = length < count ? length : count;
            CopyOut(head + HeaderBytes, buffer, offset, n);
            head = (head + HeaderBytes + length) % ring.Length;
            used -= HeaderBytes + length;
            Count--;
            Bytes -= length;
            return n;
        }

        /// <summary>Forgets everything (the link closed or the ESP rebooted).</summary>
        public void Clear()
        {
            head = 0;
            used = 0;
            Count = 0;
            Bytes = 0;
            writing = -1;
        }

        /// <summary>Copies payload into the ring from ring index <paramref name="at"/> on, in at most two Array.Copy calls (it may wrap).</summary>
        private void CopyIn(int at, byte[] source, int offset, int count)
        {
            at %= ring.Length;
            int first = count < ring.Length - at ? count : ring.Length - at;
            Array.Copy(source, offset, ring, at, first);
            if (count > first) Array.Copy(source, offset + first, ring, 0, count - first);
        }

        /// <summary>Copies payload out of the ring from ring index <paramref name="at"/> on, in at most two Array.Copy calls.</summary>
        private void CopyOut(int at, byte[] destination, int offset, int count)
        {
            at %= ring.Length;
            int first = count < ring.Length - at ? count : ring.Length - at;
            Array.Copy(ring, at, destination, offset, first);
            if (count > first) Array.Copy(ring, 0, destination, offset + first, count - first);
        }

        private void Put(int at, byte value)
        {
            ring[(writing + at) % ring.Length] = value;
        }

        private byte Get(int at)
        {
            return ring[(head + at) % ring.Length];
        }
    }
}
