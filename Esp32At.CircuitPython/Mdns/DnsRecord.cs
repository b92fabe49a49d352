namespace Esp32At.CircuitPython.Mdns
{
    /// <summary>
    /// One resource record of an mDNS answer, decoded as far as DNS-SD browsing needs: PTR and SRV keep their
    /// <see cref="Target"/>, SRV its <see cref="Port"/>, TXT its strings, A its address. Names are in presentation form
    /// (labels joined by '.', a '.' or '\' inside a label escaped with '\'), see <see cref="DnsName"/>.
    /// </summary>
    internal sealed class DnsRecord
    {
        public const int TypeA = 1;
        public const int TypePtr = 12;
        public const int TypeTxt = 16;
        public const int TypeSrv = 33;

        /// <summary>The owner name.</summary>
        public string Name;
        /// <summary>The record type (<see cref="TypeA"/>, ...).</summary>
        public int Type;
        /// <summary>Time to live in seconds; 0 is a goodbye (RFC 6762 §10.1).</summary>
        public long Ttl;
        /// <summary>PTR: the instance name; SRV: the host name. Null for other types.</summary>
        public string Target;
        /// <summary>SRV: the service's port.</summary>
        public int Port;
        /// <summary>TXT: the non-empty strings, in order (the lone empty string of "no data" is dropped).</summary>
        public string[] Texts;
        /// <summary>A: the four address bytes.</summary>
        public byte[] Address;
    }
}
