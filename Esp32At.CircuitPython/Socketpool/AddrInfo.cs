namespace Esp32At.CircuitPython
{
    /// <summary>One <c>getaddrinfo</c> result: the core's tuple <c>(family, type, proto, canonname, (ip, port))</c>.</summary>
    public sealed class AddrInfo
    {
        internal AddrInfo(int family, int type, int proto, SocketEndpoint address)
        {
            Family = family;
            Type = type;
            Proto = proto;
            CanonName = "";
            Address = address;
        }

        /// <summary>Always <see cref="SocketPool.AF_INET"/>.</summary>
        public int Family { get; private set; }

        /// <summary>The socket type asked for (0 when none was).</summary>
        public int Type { get; private set; }

        /// <summary>The protocol asked for (0 when none was).</summary>
        public int Proto { get; private set; }

        /// <summary>Always "" (as the core).</summary>
        public string CanonName { get; private set; }

        /// <summary>The resolved <c>(ip, port)</c>.</summary>
        public SocketEndpoint Address { get; private set; }

        /// <summary>Python's tuple form.</summary>
        public override string ToString()
        {
            return "(" + Family + ", " + Type + ", " + Proto + ", '" + CanonName + "', " + Address + ")";
        }
    }
}
