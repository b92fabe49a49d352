using System;

namespace Esp32At.Links
{
    /// <summary>
    /// Received datagrams of one UDP link, whole and in order, in a byte ring allocated once: each record is a 2-byte
    /// length, the sender's port (2 bytes) and address (16 bytes: an IPv4 sender as ::ffff:a.b.c.d) and the payload. A datagram that does not fit is dropped, as a full UDP
    /// receive buffer drops it; boundaries are never merged (passive mode on ESP-AT ≤ 4.1 merges them, spec §4).
    /// Filled on the pump thread, read by the owner; the connection table's lock guards it.
    /// </summary>
    internal sealed class DatagramQueue
    {
        private const int HeaderBytes = 20;
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

        /// <summary>Starts a datagram of <paramref name="length"/> bytes from an IPv4 sender; false (and dropped) when it cannot fit.</summary>
        public bool Begin(int length, uint address, int port)
        {
            return Begin(length, address, port, null);
        }

        /// <summary>
        /// Starts a datagram of <paramref name="length"/> bytes from the sender: <paramref name="ipv6"/> (16 bytes) when
        /// not null, else the IPv4 <paramref name="address"/>; false (and dropped) when it cannot fit.
        /// </summary>
        public bool Begin(int length, uint address, int port, byte[] ipv6)
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
            Put(2, (byte)(port >> 8));
            Put(3, (byte)port);
            for (int i = 0; i < 16; i++)
            {
                byte b;
                if (ipv6 != null) b = ipv6[i];
                else if (i < 10) b = 0;
                else if (i < 12) b = 0xFF;
                else b = (byte)(address >> ((i - 12) * 8));
                Put(4 + i, b);
            }
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
        /// as recvfrom does) and returns the copied length, or -1 when none is waiting. An IPv6 sender gives address 0.
        /// </summary>
        public int Take(byte[] buffer, int offset, int count, out uint address, out int port)
        {
            bool isIpv6;
            return Take(buffer, offset, count, out address, out port, null, out isIpv6);
        }

        /// <summary>
        /// <see cref="Take(byte[], int, int, out uint, out int)"/> that also tells an IPv6 sender: then
        /// <paramref name="isIpv6"/> is true, <paramref name="address"/> 0 and the 16 bytes go to <paramref name="ipv6"/>
        /// (when not null).
        /// </summary>
        public int Take(byte[] buffer, int offset, int count, out uint address, out int port, byte[] ipv6, out bool isIpv6)
        {
            address = 0;
            port = 0;
            isIpv6 = false;
            if (Count == 0) return -1;
            int length = Get(0) << 8 | Get(1);
            port = Get(2) << 8 | Get(3);
            bool mapped = Get(14) == 0xFF && Get(15) == 0xFF;
            for (int i = 0; i < 10 && mapped; i++) if (Get(4 + i) != 0) mapped = false;
            if (mapped) address = (uint)(Get(16) | Get(17) << 8 | Get(18) << 16 | Get(19) << 24);
            else
            {
                isIpv6 = true;
                if (ipv6 != null) for (int i = 0; i < 16; i++) ipv6[i] = Get(4 + i);
            }
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
