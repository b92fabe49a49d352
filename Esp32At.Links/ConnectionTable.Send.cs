using System;
using System.Threading;
using Esp32At.Engine;

namespace Esp32At.Links
{
    // The send path: CIPSEND in firmware-sized chunks, CIPSENDL for long streams, datagrams with a destination.
    public sealed partial class ConnectionTable
    {
        /// <summary>
        /// Sends one datagram on UDP link <paramref name="linkId"/> to <paramref name="host"/>:<paramref name="port"/>
        /// (<c>AT+CIPSEND=id,len,"host",port</c>).
        /// </summary>
        public void SendTo(int linkId, byte[] buffer, int offset, int count, string host, int port)
        {
            CheckBuffer(buffer, offset, count);
            CheckEndpoint(host, port);
            var link = Usable(linkId);
            if (link.Kind != LinkKind.Udp) throw new InvalidOperationException("link " + linkId + " is not a UDP link");
            CheckDatagram(count);
            link.SendCommand.Clear().Append(LinkCommands.Send).Append(linkId).Append(",").Append(count).Append(",")
                .AppendQuoted(host, "host").Append(",").Append(port).AppendLineEnd();
            SendChunk(link, buffer, offset, count);
        }

        /// <summary>
        /// Sends all <paramref name="count"/> bytes, in chunks the firmware accepts (a UDP link sends one datagram).
        /// A SEND FAIL resets the link.
        /// </summary>
        public void Send(int linkId, byte[] buffer, int offset, int count)
        {
            CheckBuffer(buffer, offset, count);
            var link = Usable(linkId);
            if (link.Kind == LinkKind.Udp) CheckDatagram(count);
            int max = device.Capabilities.CipSendMax;
            if (count > max && link.Kind != LinkKind.Udp && device.Capabilities.HasCipSendL)
            {
                // One AT+CIPSENDL streams everything: the ESP sends while the UART still delivers, instead of one
                // prompt round trip per 8 KB (its +CIPSENDL progress lines are not needed: SEND OK ends it).
                link.SendCommand.Clear().Append(LinkCommands.SendLong).Append(linkId).Append(",").Append(count).AppendLineEnd();
                SendChunk(link, buffer, offset, count);
                return;
            }
            while (count > 0)
            {
                int chunk = count < max ? count : max;
                link.SendCommand.Clear().Append(LinkCommands.Send).Append(linkId).Append(",").Append(chunk).AppendLineEnd();
                SendChunk(link, buffer, offset, chunk);
                offset += chunk;
                count -= chunk;
            }
        }

        private void SendChunk(Link link, byte[] buffer, int offset, int count)
        {
            AtResultCode code;
            lock (gate) link.Drained = false; // the peer answers what we send: its CLOSED is not due behind a read now
            try
            {
                code = SendOnce(link, buffer, offset, count);
            }
            catch (AtRebootedException)
            {
                throw new LinkResetException(link.Id, "the ESP rebooted");
            }
            catch (AtTimeoutException)
            {
                // No SEND OK in time: how much went out is unknown, so the stream cannot be trusted any more.
                MarkReset(link, "send timed out");
                throw;
            }
            catch (AtCommandException)
            {
                // ERROR instead of the prompt: the link is gone on the ESP (closed by the peer or the network).
                lock (gate) if (link.State == LinkState.Open) link.State = LinkState.RemoteClosed;
                throw new LinkResetException(link.Id, "the ESP has no such connection any more");
            }
            if (code != AtResultCode.SendOk)
            {
                // Part of the chunk may be on the wire (esp-at#988): the stream cannot be resumed.
                MarkReset(link, "SEND FAIL");
                throw new LinkResetException(link.Id, "SEND FAIL");
            }
        }

        // busy p... before the prompt: the ESP dropped the command line, so no byte of the payload went out (spec §1.6);
        // sending the same CIPSEND again after a pause cannot duplicate data. Bounded by the send timeout.
        private AtResultCode SendOnce(Link link, byte[] buffer, int offset, int count)
        {
            // The payload's own wire time (10 bits a byte), twice over, on top of the firmware's worst send stall.
            int baud = device.BaudRate > 0 ? device.BaudRate : 9600;
            long wireMs = (long)count * 10 * 1000 / baud;
            int timeoutMs = (int)(SendTimeoutMs + 2 * wireMs > int.MaxValue ? int.MaxValue : SendTimeoutMs + 2 * wireMs);
            long deadline = DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                try
                {
                    return executor.Send(link.SendCommand, buffer, offset, count, timeoutMs);
                }
                catch (AtBusyException)
                {
                    if (DateTime.UtcNow.Ticks + BusySettleMs * TimeSpan.TicksPerMillisecond > deadline) throw new AtTimeoutException("CIPSEND on link " + link.Id + " (ESP busy)", timeoutMs);
                    Thread.Sleep(BusySettleMs);
                }
            }
        }

        private void CheckDatagram(int count)
        {
            int max = device.Capabilities.CipSendMax;
            if (count == 0 || count > max) throw new ArgumentOutOfRangeException("count", "a datagram must be 1 to " + max + " bytes");
        }
    }
}
