using System;
using Esp32At.Wifi;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// An IPv4 address, like CircuitPython's <c>ipaddress.IPv4Address</c>: made from a dotted string, four bytes, or an
    /// integer in host order (first octet in the lowest byte, as the core on little-endian MCUs); immutable; equal
    /// when the bytes are equal.
    /// </summary>
    public sealed class IPv4Address
    {
        private readonly byte[] bytes;

        /// <summary>Parses a dotted IPv4 address.</summary>
        /// <exception cref="ArgumentException">Not a valid IP string (the core's ValueError).</exception>
        public IPv4Address(string address)
        {
            if (address == null) throw new ArgumentNullException("address");
            bytes = WifiText.ParseIPv4(address);
            if (bytes == null) throw new ArgumentException("Not a valid IP string", "address");
        }

        /// <summary>From four bytes, first octet first (the array is copied).</summary>
        /// <exception cref="ArgumentException">Not 4 bytes.</exception>
        public IPv4Address(byte[] packed)
        {
            if (packed == null) throw new ArgumentNullException("packed");
            if (packed.Length != 4) throw new ArgumentException("Address must be 4 bytes long", "packed");
            bytes = new byte[4];
            Array.Copy(packed, bytes, 4);
        }

        /// <summary>From an integer in host order: the first octet is the lowest byte (the core's int form on ARM).</summary>
        public IPv4Address(int address)
        {
            bytes = new byte[4];
            for (int i = 0; i < 4; i++) bytes[i] = (byte)(address >> (8 * i));
        }

        /// <summary>The four bytes, first octet first (a copy).</summary>
        public byte[] Packed
        {
            get
            {
                var copy = new byte[4];
                Array.Copy(bytes, copy, 4);
                return copy;
            }
        }

        /// <summary>Always 4.</summary>
        public int Version { get { return 4; } }

        /// <summary>The host-order integer (first octet in the lowest byte).</summary>
        public int ToInt32()
        {
            return bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24;
        }

        /// <summary>The dotted form, e.g. <c>192.168.1.20</c>.</summary>
        public override string ToString()
        {
            return WifiText.FormatIPv4(bytes);
        }

        /// <summary>True for another <see cref="IPv4Address"/> with the same bytes.</summary>
        public override bool Equals(object obj)
        {
            var other = obj as IPv4Address;
            if (other == null) return false;
            for (int i = 0; i < 4; i++) if (bytes[i] != other.bytes[i]) return false;
            return true;
        }

        /// <summary>A hash of the four bytes.</summary>
        public override int GetHashCode()
        {
            return ToInt32();
        }

        /// <summary>Value equality.</summary>
        public static bool operator ==(IPv4Address a, IPv4Address b)
        {
            if ((object)a == null) return (object)b == null;
            return a.Equals(b);
        }

        /// <summary>Value inequality.</summary>
        public static bool operator !=(IPv4Address a, IPv4Address b)
        {
            return !(a == b);
        }

        /// <summary>The bytes without copying, for the library calls.</summary>
        internal byte[] Bytes { get { return bytes; } }

        /// <summary>An address from library bytes, or null for null or 0.0.0.0 (the core gives None then).</summary>
        internal static IPv4Address FromSettings(byte[] address)
        {
            if (address == null) return null;
            if (address[0] == 0 && address[1] == 0 && address[2] == 0 && address[3] == 0) return null;
            return new IPv4Address(address);
        }
    }
}
