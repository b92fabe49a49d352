using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Esp32At.Links;

namespace Esp32At.TinyCLR.Provider
{
    // The data path: readiness, send and receive (stream and datagram), in TinyCLR's short-quantum style.
    public sealed partial class Esp32AtNetworkProvider
    {
        /// <summary>Bytes readable without waiting (0 on a listener, at end of stream, or before data arrived).</summary>
        public int Available(int socket)
        {
            var s = Get(socket);
            lock (s)
            {
                if (s.Listening || s.Eof) return 0;
                EnsureConnected(s);
                if (s.LinkId < 0) return 0;
                return Table.Available(s.LinkId);
            }
        }

        /// <summary>
        /// Readiness, as TinyCLR expects: SelectRead on data, end of stream or a pending accept; SelectWrite once
        /// connected; SelectError after a reset. Waits at most a short quantum (TinyCLR's Socket.Poll loops around it).
        /// </summary>
        public bool Poll(int socket, int microSeconds, SelectMode mode)
        {
            var s = Get(socket);
            int waitMs = microSeconds < 0 || microSeconds / 1000 > WaitQuantumMs ? WaitQuantumMs : microSeconds / 1000;
            int linkId;
            lock (s)
            {
                if (mode == SelectMode.SelectWrite)
                    return !s.Listening && (s.ConnectPending || (s.LinkId >= 0 && Table.StateOf(s.LinkId) == LinkState.Open));
                if (mode == SelectMode.SelectError)
                    return s.Error != 0 || (s.LinkId >= 0 && Table.StateOf(s.LinkId) == LinkState.Reset);
                if (s.Eof) return true;
                if (s.Listening)
                {
                    if (Table.AcceptPending || waitMs == 0) return Table.AcceptPending;
                    linkId = -1;
                }
                else
                {
                    EnsureConnected(s);
                    linkId = s.LinkId;
                    if (linkId < 0) return false;
                }
            }
            if (linkId < 0)
            {
                Thread.Sleep(waitMs);
                return Table.AcceptPending;
            }
            return Table.WaitReadable(linkId, waitMs);
        }

        /// <summary>Sends all bytes (the ESP link is opened first if Connect deferred it). Returns <paramref name="count"/>.</summary>
        public int Send(int socket, byte[] buffer, int offset, int count, SocketFlags flags)
        {
            var s = Get(socket);
            lock (s)
            {
                if (s.SendShutdown) throw SocketErrors.Create(SocketError.Shutdown);
                EnsureConnected(s);
                if (s.LinkId < 0) throw SocketErrors.Create(SocketError.NotConnected);
                try
                {
                    Table.Send(s.LinkId, buffer, offset, count);
                }
                catch (Exception e)
                {
                    throw Fail(s, e, SocketError.ConnectionReset);
                }
                return count;
            }
        }

        /// <summary>Reads what is there (waiting a short quantum at most); "no data yet" and end of stream per the TinyCLR version.</summary>
        public int Receive(int socket, byte[] buffer, int offset, int count, SocketFlags flags)
        {
            var s = Get(socket);
            lock (s)
            {
                if (s.Eof) return EndOfStream;
                EnsureConnected(s);
                if (s.LinkId < 0) throw SocketErrors.Create(SocketError.NotConnected);
                return ReceiveLocked(s, buffer, offset, count);
            }
        }

        /// <summary>Sends one datagram to <paramref name="address"/>; an unconnected UDP socket gets its link here.</summary>
        public int SendTo(int socket, byte[] buffer, int offset, int count, SocketFlags flags, SocketAddress address)
        {
            var s = Get(socket);
            int port;
            string host = SocketAddressCodec.DecodeText(address, s.Ipv6, new byte[16], out port);
            lock (s)
            {
                if (s.Type != SocketType.Dgram) return Send(socket, buffer, offset, count, flags);
                if (s.SendShutdown) throw SocketErrors.Create(SocketError.Shutdown);
                if (s.LinkId < 0) OpenUdp(s, host, port);
                try
                {
                    Table.SendTo(s.LinkId, buffer, offset, count, host, port);
                }
                catch (Exception e)
                {
                    throw Fail(s, e, SocketError.MessageSize);
                }
                return count;
            }
        }

        /// <summary>Receives on a UDP socket and tells where the bytes came from.</summary>
        public int ReceiveFrom(int socket, byte[] buffer, int offset, int count, SocketFlags flags, ref SocketAddress address)
        {
            var s = Get(socket);
            lock (s)
            {
                if (s.Eof) return EndOfStream;
                if (s.LinkId < 0)
                {
                    // A bound, unconnected receiver: a UDP link that takes datagrams from anyone on the bound port.
                    if (s.Type != SocketType.Dgram || s.BoundPort == 0) throw SocketErrors.Create(SocketError.NotConnected);
                    OpenUdp(s, s.Ipv6 ? AnyRemote6 : AnyRemote, DiscardPort);
                }
                int n = ReceiveLocked(s, buffer, offset, count);
                if (n > 0)
                {
                    int port;
                    var from6 = new byte[16];
                    if (s.Ipv6 && Table.RemoteIpv6Of(s.LinkId, from6, out port)) address = SocketAddressCodec.Encode6(from6, port);
                    else address = SocketAddressCodec.Encode(Table.RemoteAddressOf(s.LinkId, out port), port);
                }
                return n;
            }
        }

        private int ReceiveLocked(ProviderSocket s, byte[] buffer, int offset, int count)
        {
            if (s.Eof) return EndOfStream;
            if (count == 0) return 0;
            int n;
            try
            {
                if (!Table.TryReceive(s.LinkId, buffer, offset, count, WaitQuantumMs, out n)) return NoData;
            }
            catch (Exception e)
            {
                throw Fail(s, e, SocketError.ConnectionReset);
            }
            if (n > 0) return n;
            // The table freed the id at end of stream: forget it, so a later Close cannot touch its next owner.
            s.Eof = true;
            s.LinkId = -1;
            return EndOfStream;
        }
    }
}
