using System;
using Esp32At.Device;
using Esp32At.Engine;

namespace Esp32At.Links
{
    /// <summary>Resolves host names to IPv4 (and, with AT+CIPV6=1, IPv6) addresses through the ESP's DNS client (<c>AT+CIPDOMAIN</c>).</summary>
    public sealed class HostResolver
    {
        private const int LookupTimeoutMs = 10000;
        private readonly AtExecutor executor;
        private readonly AtResponse response = new AtResponse();
        private readonly AtCommandBuffer command = new AtCommandBuffer();

        /// <summary>Uses <paramref name="device"/>'s executor.</summary>
        public HostResolver(Esp32AtDevice device)
        {
            if (device == null) throw new ArgumentNullException("device");
            executor = device.Executor;
        }

        /// <summary>
        /// The IPv4 address of <paramref name="host"/> as four bytes (network order). An IPv4 literal is returned
        /// without asking the ESP. Throws <see cref="AtCommandException"/> when the name does not resolve.
        /// </summary>
        public byte[] Resolve(string host)
        {
            CheckHost(host);
            var literal = ParseIPv4(host);
            return literal ?? Lookup(host, false);
        }

        /// <summary>
        /// The IPv6 address of <paramref name="host"/> as 16 bytes (<c>AT+CIPDOMAIN="host",3</c>: IPv6 only; needs
        /// <c>Esp32AtOptions.Ipv6</c>). An IPv6 literal is returned without asking the ESP. Throws
        /// <see cref="AtCommandException"/> when the name has no IPv6 address.
        /// </summary>
        public byte[] Resolve6(string host)
        {
            CheckHost(host);
            var literal = host.IndexOf(':') >= 0 ? Ipv6.Parse(host) : null;
            return literal ?? Lookup(host, true);
        }

        private static void CheckHost(string host)
        {
            if (host == null) throw new ArgumentNullException("host");
            if (host.Length == 0 || host.Length > 64) throw new ArgumentException("host must be 1 to 64 characters", "host");
        }

        private byte[] Lookup(string host, bool ipv6)
        {
            lock (command)
            {
                command.Clear().Append(LinkCommands.Resolve).AppendQuoted(host, "host");
                if (ipv6) command.Append(LinkCommands.ResolveIpv6Only);
                executor.Run(command.AppendLineEnd(), response, LookupTimeoutMs, true);
                var text = response.Find(LinkCommands.ResolvePrefix);
                // ESP32-family firmware quotes the address; ESP8266 NONOS did not.
                if (text != null) text = Unquote(text);
                var address = text == null ? null : ipv6 ? Ipv6.Parse(text) : ParseIPv4(text);
                if (address == null)
                    throw new AtCommandException(LinkCommands.Resolve + "\"" + host + "\"" + (ipv6 ? LinkCommands.ResolveIpv6Only : ""), null,
                        (ipv6 ? "no IPv6 address for " : "no IPv4 address for ") + host);
                return address;
            }
        }

        /// <summary>
        /// The address text to give the ESP for <paramref name="host"/>: the host itself when it is a literal of the
        /// family (IPv6 when <paramref name="ipv6"/>, else IPv4), else what <see cref="Resolve6"/> or
        /// <see cref="Resolve"/> answer, formatted.
        /// </summary>
        public string ToLiteral(string host, bool ipv6)
        {
            if (ipv6) return host != null && host.IndexOf(':') >= 0 && Ipv6.Parse(host) != null ? host : Ipv6.Format(Resolve6(host));
            return Ipv4.Parse(host) != null ? host : Ipv4.Format(Ipv4.FromBytes(Resolve(host)));
        }

        /// <summary>The text between the quotes of a quoted answer field, or the text as it is.</summary>
        internal static string Unquote(string text)
        {
            return text.Length >= 2 && text[0] == '"' ? text.Substring(1, text.Length - 2) : text;
        }

        /// <summary>Four bytes of a dotted IPv4 literal, or null when <paramref name="text"/> is not one.</summary>
        public static byte[] ParseIPv4(string text)
        {
            return Ipv4.Parse(text);
        }
    }
}
