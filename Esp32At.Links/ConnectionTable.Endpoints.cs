using System;
using Esp32At.Engine;

namespace Esp32At.Links
{
    public sealed partial class ConnectionTable
    {
        private readonly AtResponse states = new AtResponse();

        /// <summary>
        /// Asks the ESP for link <paramref name="linkId"/>'s endpoints (<c>AT+CIPSTATE?</c>, or <c>AT+CIPSTATUS</c> on
        /// firmware without it). Returns false when the ESP lists no such link.
        /// </summary>
        /// <param name="linkId">The link.</param>
        /// <param name="remoteAddress">The peer's IPv4 address, first octet in the low byte.</param>
        /// <param name="remotePort">The peer's port.</param>
        /// <param name="localPort">The ESP's port.</param>
        public bool QueryEndpoints(int linkId, out uint remoteAddress, out int remotePort, out int localPort)
        {
            string remote;
            remoteAddress = 0;
            if (!QueryEndpointsText(linkId, out remote, out remotePort, out localPort)) return false;
            Ipv4.TryParse(remote, out remoteAddress);
            return true;
        }

        /// <summary>
        /// <see cref="QueryEndpoints(int, out uint, out int, out int)"/> with the peer's address as the ESP printed it
        /// (dotted IPv4), or in lwIP's IPv6 text form on a <c>TCPv6</c>/<c>UDPv6</c>/<c>SSLv6</c> link.
        /// </summary>
        public bool QueryEndpointsText(int linkId, out string remoteAddress, out int remotePort, out int localPort)
        {
            Get(linkId);
            remoteAddress = null;
            remotePort = 0;
            localPort = 0;
            bool cipState = device.Capabilities.HasCipState;
            lock (states)
            {
                executor.Run(new AtCommandBuffer().Append(cipState ? LinkCommands.LinkStates : LinkCommands.LinkStatus).AppendLineEnd(),
                    states, ReceiveCommandTimeoutMs, true);
                string prefix = cipState ? LinkCommands.LinkStatesPrefix : LinkCommands.LinkStatusPrefix;
                for (int i = 0; i < states.LineCount; i++)
                {
                    var line = states.GetLine(i);
                    if (line.IndexOf(prefix) != 0) continue;
                    // <id>,"<type>","<ip>",<rport>,<lport>,<tetype>
                    var parts = line.Substring(prefix.Length).Split(',');
                    int id;
                    if (parts.Length < 5 || !int.TryParse(parts[0], out id) || id != linkId) continue;
                    remoteAddress = HostResolver.Unquote(parts[2]);
                    var ipv6 = remoteAddress.IndexOf(':') >= 0 ? Ipv6.Parse(remoteAddress) : null;
                    if (ipv6 != null) remoteAddress = Ipv6.Format(ipv6);
                    int.TryParse(parts[3], out remotePort);
                    int.TryParse(parts[4], out localPort);
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// Sets TCP options of an open link (<c>AT+CIPTCPOPT</c>): Nagle off with <paramref name="noDelay"/>, and TCP
        /// keep-alive probes after <paramref name="keepAliveSeconds"/> idle seconds (0 = off, at most 7200).
        /// </summary>
        public void SetTcpOptions(int linkId, bool noDelay, int keepAliveSeconds)
        {
            if (keepAliveSeconds < 0 || keepAliveSeconds > 7200) throw new ArgumentOutOfRangeException("keepAliveSeconds", "keep-alive must be 0 to 7200 s");
            var link = Usable(linkId);
            if (link.Kind == LinkKind.Udp) throw new InvalidOperationException("link " + linkId + " is UDP: TCP options do not apply");
            executor.Run(new AtCommandBuffer().Append(LinkCommands.TcpOptions).Append(linkId).Append(",-1,").Append(noDelay ? 1 : 0)
                .Append(",0,").Append(keepAliveSeconds).AppendLineEnd(), null, ReceiveCommandTimeoutMs, true);
        }
    }
}
