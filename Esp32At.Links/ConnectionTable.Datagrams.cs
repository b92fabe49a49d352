using System;
using Esp32At.Engine;

namespace Esp32At.Links
{
    // Active receive for UDP links: +IPD frames into a per-link DatagramQueue, one whole datagram per read.
    public sealed partial class ConnectionTable
    {
        // v2.2 with the opt-in: the ESP's one receive mode (AT+CIPRECVMODE=0, set by the device) makes every link active.
        private bool GlobalActive
        {
            get { return device.Options.ActiveTcpReceive && !device.Capabilities.HasCipRecvType; }
        }

        // UDP links receive actively where the firmware has per-link modes (v3.3+): +IPD frames keep datagram boundaries,
        // which passive reads merge on every release up to 4.1 (spec §4). TCP/TLS links do when the application opted
        // in (Esp32AtOptions.ActiveTcpReceive, ConnectionTable.ActiveReceive.cs). The mode belongs to the id on the ESP.
        private void SetReceiveMode(Link link, LinkKind kind)
        {
            bool perLink = device.Capabilities.HasCipRecvType;
            bool active = GlobalActive || perLink && (kind == LinkKind.Udp || device.Options.ActiveTcpReceive);
            if (perLink && active != link.ActiveMode)
                executor.Run(new AtCommandBuffer().Append(LinkCommands.ReceiveType).Append(link.Id).Append(active ? ",0" : ",1").AppendLineEnd(),
                    null, ReceiveCommandTimeoutMs, true);
            lock (gate)
            {
                link.ActiveMode = active;
                if (active) AllocateActiveLocked(link, kind);
                else AllocateStagingLocked(link, kind);
            }
        }

        // The buffer an active link of this kind receives into, once per id (call with gate held).
        private void AllocateActiveLocked(Link link, LinkKind kind)
        {
            if (kind == LinkKind.Udp && link.Datagrams == null) link.Datagrams = new DatagramQueue(DatagramBufferBytes);
            if (kind != LinkKind.Udp && link.Stream == null) link.Stream = new StreamBuffer(device.Options.ActiveReceiveBufferBytes);
        }

        private int activeFrameLink = -1;
        private readonly byte[] frameSender = new byte[16]; // the IPv6 sender of the frame being started (pump thread)

        // Pump thread: an active +IPD frame begins, for a datagram or a stream link; anything else is noise.
        private void OnActiveFrame(int linkId, int length, uint address, int port)
        {
            activeFrameLink = -1;
            if (linkId < 0 || linkId >= links.Length) return;
            var link = links[linkId];
            bool fromIpv6 = executor.FrameRemoteIsIpv6;
            if (fromIpv6) executor.CopyFrameRemoteIpv6(frameSender);
            lock (gate)
            {
                if (!link.ActiveMode) return;
                if (link.Kind != LinkKind.Udp)
                {
                    BeginStreamFrameLocked(link, address, port);
                    link.RemoteIsIpv6 = fromIpv6;
                    if (fromIpv6) Array.Copy(frameSender, link.RemoteIpv6, 16);
                    return;
                }
                if (link.Datagrams == null || link.State != LinkState.Open) return;
                if (link.Datagrams.Begin(length, address, port, fromIpv6 ? frameSender : null)) activeFrameLink = linkId;
                if (length == 0) CompleteDatagram(link);
            }
        }

        private void OnActiveData(int linkId, byte[] buffer, int offset, int count)
        {
            if (activeFrameLink != linkId || linkId < 0) return;
            var link = links[linkId];
            if (activeStream)
            {
                AppendStream(link, buffer, offset, count);
                return;
            }
            lock (gate)
            {
                if (link.Datagrams == null || !link.Datagrams.Append(buffer, offset, count)) return;
                CompleteDatagram(link);
            }
        }

        private void CompleteDatagram(Link link)
        {
            activeFrameLink = -1;
            link.Available = link.Datagrams.Bytes;
            link.Notices++;
            link.HeardTicks = DateTime.UtcNow.Ticks;
            link.Changed.Set();
        }

        // One whole datagram of an active UDP link: the rest of a longer one is discarded, as recvfrom does. -1: none in time.
        private int ReceiveDatagram(Link link, byte[] buffer, int offset, int count, int timeoutMs)
        {
            long deadline = DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                lock (gate)
                {
                    if (link.State == LinkState.Reset) throw new LinkResetException(link.Id, link.ResetReason);
                    if (link.State == LinkState.Free) throw new InvalidOperationException("link " + link.Id + " is not open");
                    uint address;
                    int port;
                    int n = link.Datagrams.Take(buffer, offset, count, out address, out port, link.RemoteIpv6, out link.RemoteIsIpv6);
                    if (n >= 0)
                    {
                        link.RemoteAddress = address;
                        link.RemotePort = port;
                        link.Available = link.Datagrams.Bytes;
                        return n;
                    }
                }
                long left = (deadline - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond;
                if (left <= 0) return -1;
                link.Changed.WaitOne((int)left, false);
            }
        }
    }
}
