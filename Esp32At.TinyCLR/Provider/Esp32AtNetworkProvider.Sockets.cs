using System;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.TinyCLR.Provider
{
    // The socket half of the provider: TinyCLR's Socket, Dns and SslStream call these (tinyclr-api.md §3.2).
    public sealed partial class Esp32AtNetworkProvider
    {
#if TINYCLR_V3
        private const int NoData = -2;
        private const int EndOfStream = 0;
#else
        // 2.2: 0 makes Socket.Receive sleep and retry; a negative value ends the read with 0 (end of stream).
        private const int NoData = 0;
        private const int EndOfStream = -1;
#endif
        /// <summary>The longest a provider call waits before answering "not yet" (TinyCLR's Socket loops around it).</summary>
        private const int WaitQuantumMs = 50;

        /// <summary>Creates a socket handle; the ESP link is bound later by Connect, SendTo or an accept.</summary>
        public int Create(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType)
        {
            if (addressFamily != AddressFamily.InterNetwork) throw SocketErrors.Create(SocketError.AddressFamilyNotSupported);
            bool stream = socketType == SocketType.Stream && (protocolType == ProtocolType.Tcp || protocolType == ProtocolType.IP);
            bool datagram = socketType == SocketType.Dgram && (protocolType == ProtocolType.Udp || protocolType == ProtocolType.IP);
            if (!stream && !datagram) throw SocketErrors.Create(SocketError.ProtocolNotSupported);
            return AddSocket(socketType).Handle;
        }

        /// <summary>Closes the socket's link or server. Idempotent: SslStream and Socket both close the same handle.</summary>
        public void Close(int socket)
        {
            ProviderSocket s;
            lock (gate)
            {
                s = (ProviderSocket)sockets[socket];
                if (s == null) return;
                sockets.Remove(socket);
            }
            lock (s)
            {
                try
                {
                    if (s.LinkId >= 0) Table.Close(s.LinkId);
                    if (s.Listening) Server.Stop();
                }
                catch (Exception e)
                {
                    Note("close " + socket + ": " + e.Message); // the handle is gone either way
                }
                s.LinkId = -1;
                s.Listening = false;
            }
        }

#if TINYCLR_V3
        /// <summary>TinyCLR 3.0: ESP-AT has no half-close; shutting down sending or both closes the link.</summary>
        public void Shutdown(int socket, SocketShutdown how)
        {
            if (how != SocketShutdown.Receive) Close(socket);
        }
#endif

        /// <summary>Remembers the local port (for Listen, or a UDP socket's receive port). The address part is ignored: the ESP has one.</summary>
        public void Bind(int socket, SocketAddress address)
        {
            var s = Get(socket);
            int port;
            SocketAddressCodec.Decode(address, out port);
            lock (s)
            {
                if (s.LinkId >= 0 || s.Listening) throw SocketErrors.Create(SocketError.IsConnected);
                s.BoundPort = port;
            }
        }

        /// <summary>Starts the ESP's server (<c>AT+CIPSERVER</c>) on the bound port; the backlog caps the accepted links (1-5).</summary>
        public void Listen(int socket, int backlog)
        {
            var s = Get(socket);
            lock (s)
            {
                if (s.Type != SocketType.Stream) throw SocketErrors.Create(SocketError.OperationNotSupported);
                if (s.BoundPort == 0) throw SocketErrors.Create(SocketError.InvalidArgument);
                if (s.Listening) return;
                if (Server.Port != 0) throw SocketErrors.Create(SocketError.AddressAlreadyInUse);
                int max = backlog < 1 ? 1 : backlog > Table.Count ? Table.Count : backlog;
                try
                {
                    Server.Start(s.BoundPort, max, SslServer, ServerIdleTimeoutSeconds);
                }
                catch (Exception e)
                {
                    throw Fail(s, e, SocketError.AddressAlreadyInUse);
                }
                s.Listening = true;
            }
        }

        /// <summary>
        /// Returns a handle for the next client the ESP's server accepted. TinyCLR 2.2 calls it after Poll said readable;
        /// it waits (without spinning) while the listener is open. TinyCLR 3.0: -1 after a short wait with nobody pending.
        /// </summary>
        public int Accept(int socket)
        {
            var s = Get(socket);
            while (true)
            {
                lock (s)
                {
                    if (!s.Listening) throw SocketErrors.Create(SocketError.InvalidArgument);
                }
                int linkId = Table.Accept(WaitQuantumMs * 4);
                if (linkId >= 0)
                {
                    var client = AddSocket(SocketType.Stream);
                    lock (client)
                    {
                        client.LinkId = linkId;
                        client.Secure = Table.KindOf(linkId) == LinkKind.Ssl;
                    }
                    return client.Handle;
                }
#if TINYCLR_V3
                return -1;
#else
                lock (gate)
                {
                    if (sockets[socket] == null) throw SocketErrors.Create(SocketError.NotSocket);
                }
#endif
            }
        }

        /// <summary>
        /// TCP: records the peer; the ESP link opens at the first send, receive or poll for reading, or as TLS in
        /// AuthenticateAsClient (ESP-AT opens TLS links with CIPSTART "SSL", so a plain TCP connect cannot be upgraded).
        /// A refused connection therefore surfaces at that first use. Set <see cref="DeferConnect"/> false to connect here.
        /// UDP: opens the link now.
        /// </summary>
        public void Connect(int socket, SocketAddress address)
        {
            var s = Get(socket);
            int port;
            uint ip = SocketAddressCodec.Decode(address, out port);
            if (port == 0) throw SocketErrors.Create(SocketError.AddressNotAvailable);
            lock (s)
            {
                if (s.LinkId >= 0 || s.Listening) throw SocketErrors.Create(SocketError.IsConnected);
                s.RemoteAddress = ip;
                s.RemotePort = port;
                s.RemoteKnown = true;
                if (s.Type == SocketType.Dgram)
                {
                    OpenUdp(s, ip, port);
                    return;
                }
                s.ConnectPending = true;
                if (!DeferConnect) EnsureConnected(s);
            }
        }

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
            uint ip = SocketAddressCodec.Decode(address, out port);
            lock (s)
            {
                if (s.Type != SocketType.Dgram) return Send(socket, buffer, offset, count, flags);
                if (s.LinkId < 0) OpenUdp(s, ip, port);
                try
                {
                    Table.SendTo(s.LinkId, buffer, offset, count, SocketAddressCodec.Format(ip), port);
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
                if (s.LinkId < 0)
                {
                    // A bound, unconnected receiver: a UDP link that takes datagrams from anyone on the bound port.
                    if (s.Type != SocketType.Dgram || s.BoundPort == 0) throw SocketErrors.Create(SocketError.NotConnected);
                    OpenUdp(s, AnyRemote, DiscardPort);
                }
                int n = ReceiveLocked(s, buffer, offset, count);
                if (n > 0)
                {
                    int port;
                    uint from = Table.RemoteAddressOf(s.LinkId, out port);
                    address = SocketAddressCodec.Encode(from, port);
                }
                return n;
            }
        }

        /// <summary>The peer's address: the connect target, or (accepted clients) what the ESP lists for the link.</summary>
        public void GetRemoteAddress(int socket, out SocketAddress address)
        {
            var s = Get(socket);
            lock (s)
            {
                if (!s.RemoteKnown && s.LinkId >= 0) QueryEndpoints(s);
                if (!s.RemoteKnown) throw SocketErrors.Create(SocketError.NotConnected);
                address = SocketAddressCodec.Encode(s.RemoteAddress, s.RemotePort);
            }
        }

        /// <summary>The ESP's station address and the socket's local port.</summary>
        public void GetLocalAddress(int socket, out SocketAddress address)
        {
            var s = Get(socket);
            lock (s)
            {
                int port = s.BoundPort;
                if (port == 0 && s.LinkId >= 0)
                {
                    uint remote;
                    int remotePort;
                    if (Table.QueryEndpoints(s.LinkId, out remote, out remotePort, out port) && !s.RemoteKnown)
                    {
                        s.RemoteAddress = remote;
                        s.RemotePort = remotePort;
                        s.RemoteKnown = true;
                    }
                }
                address = SocketAddressCodec.Encode(LocalAddress(), port);
            }
        }

        /// <summary>Answers Type (NetworkStream needs it), Error, the timeouts, KeepAlive, ReuseAddress, AcceptConnection and NoDelay.</summary>
        public void GetOption(int socket, SocketOptionLevel optionLevel, SocketOptionName optionName, byte[] optionValue)
        {
            var s = Get(socket);
            if (optionValue == null || optionValue.Length < 4) throw SocketErrors.Create(SocketError.Fault);
            int value;
            lock (s)
            {
                if (optionLevel == SocketOptionLevel.Tcp && optionName == SocketOptionName.NoDelay) value = s.NoDelay ? 1 : 0;
                else if (optionLevel != SocketOptionLevel.Socket) throw SocketErrors.Create(SocketError.ProtocolOption);
                else if (optionName == SocketOptionName.Type) value = (int)s.Type;
                else if (optionName == SocketOptionName.Error) value = s.Error;
                else if (optionName == SocketOptionName.SendTimeout) value = s.SendTimeoutMs;
                else if (optionName == SocketOptionName.ReceiveTimeout) value = s.ReceiveTimeoutMs;
                else if (optionName == SocketOptionName.KeepAlive) value = s.KeepAlive ? 1 : 0;
                else if (optionName == SocketOptionName.ReuseAddress) value = s.ReuseAddress ? 1 : 0;
                else if (optionName == SocketOptionName.AcceptConnection) value = s.Listening ? 1 : 0;
                else throw SocketErrors.Create(SocketError.ProtocolOption);
            }
            optionValue[0] = (byte)value;
            optionValue[1] = (byte)(value >> 8);
            optionValue[2] = (byte)(value >> 16);
            optionValue[3] = (byte)(value >> 24);
        }

        /// <summary>
        /// Stores the timeouts and ReuseAddress (TinyCLR applies timeouts in managed code); KeepAlive and NoDelay go to
        /// the ESP with <c>AT+CIPTCPOPT</c> once the link is open. Other options: SocketException(ProtocolOption).
        /// </summary>
        public void SetOption(int socket, SocketOptionLevel optionLevel, SocketOptionName optionName, byte[] optionValue)
        {
            var s = Get(socket);
            if (optionValue == null || optionValue.Length == 0) throw SocketErrors.Create(SocketError.Fault);
            int value = optionValue[0];
            for (int i = 1; i < 4 && i < optionValue.Length; i++) value |= optionValue[i] << (8 * i);
            lock (s)
            {
                bool tcpOptions = false;
                if (optionLevel == SocketOptionLevel.Tcp && optionName == SocketOptionName.NoDelay) { s.NoDelay = value != 0; tcpOptions = true; }
                else if (optionLevel != SocketOptionLevel.Socket) throw SocketErrors.Create(SocketError.ProtocolOption);
                else if (optionName == SocketOptionName.SendTimeout) s.SendTimeoutMs = value;
                else if (optionName == SocketOptionName.ReceiveTimeout) s.ReceiveTimeoutMs = value;
                else if (optionName == SocketOptionName.ReuseAddress) s.ReuseAddress = value != 0;
                else if (optionName == SocketOptionName.KeepAlive) { s.KeepAlive = value != 0; tcpOptions = true; }
                else throw SocketErrors.Create(SocketError.ProtocolOption);
                if (tcpOptions && s.LinkId >= 0 && s.Type == SocketType.Stream) ApplyTcpOptions(s);
            }
        }

        /// <summary>Resolves through the ESP (<c>AT+CIPDOMAIN</c>); an unknown name is SocketException(HostNotFound).</summary>
        public void GetHostByName(string name, out string canonicalName, out SocketAddress[] addresses)
        {
            if (name == null || name.Length == 0) throw SocketErrors.Create(SocketError.HostNotFound);
            byte[] ip;
            try
            {
                ip = Resolver.Resolve(name);
            }
            catch (AtTimeoutException)
            {
                throw SocketErrors.Create(SocketError.TryAgain);
            }
            catch (Exception e)
            {
                if (e is SocketException) throw;
                throw SocketErrors.Create(SocketError.HostNotFound);
            }
            canonicalName = name;
            addresses = new SocketAddress[] { SocketAddressCodec.Encode(SocketAddressCodec.FromBytes(ip), 0) };
        }

        /// <summary>
        /// Opens the deferred connection as TLS (<c>CIPSTART "SSL"</c>) with <paramref name="targetHost"/> as SNI and
        /// verification name. Verification is on unless <paramref name="sslVerification"/> is None (TinyCLR's default,
        /// Optional, verifies too); it needs <paramref name="caCertificate"/>, a CA loaded earlier, or
        /// <see cref="TrustFirmwareCa"/>. Returns the socket handle as the TLS handle.
        /// </summary>
        public int AuthenticateAsClient(int socketHandle, string targetHost, X509Certificate caCertificate, X509Certificate clientCertificate,
            SslProtocols sslProtocols, SslVerification sslVerification)
        {
            var s = Get(socketHandle);
            lock (s)
            {
                if (s.Secure) return socketHandle;
                if (!s.ConnectPending)
                    throw new NotSupportedException("TLS must start before the first read or write: ESP-AT cannot upgrade an open TCP link (call AuthenticateAsClient right after Connect)");
                var tls = new TlsSettings();
                tls.ServerName = targetHost;
                tls.VerifyServer = sslVerification != SslVerification.None;
                tls.TrustFirmwareCa = TrustFirmwareCa;
                if (!tls.VerifyServer) WarnUnverified();
                if (tls.VerifyServer && caCertificate == null && !TrustFirmwareCa && !Table.Certificates.HasCa(tls.CaSlot))
                    throw new InvalidOperationException("TLS verification needs a CA: pass one to AuthenticateAsClient, load one with LoadCa, " +
                        "set TrustFirmwareCa, or opt out with SslVerification.None");
                try
                {
                    if (tls.VerifyServer && caCertificate != null) LoadCa(caCertificate);
                    if (clientCertificate != null)
                    {
                        LoadClientCertificate(clientCertificate);
                        tls.UseClientCertificate = true;
                    }
                    s.LinkId = Table.OpenSsl(SocketAddressCodec.Format(s.RemoteAddress), s.RemotePort, tls, ConnectTimeoutMs);
                }
                catch (Exception e)
                {
                    throw Fail(s, e, SocketError.ConnectionRefused);
                }
                s.ConnectPending = false;
                s.Secure = true;
                ApplyTcpOptions(s);
                return socketHandle;
            }
        }

        /// <summary>
        /// The ESP terminates TLS itself: a client accepted by an SSL server (<see cref="SslServer"/>, certificates from
        /// the firmware's <c>server_cert</c>/<c>server_key</c>) is already secure and its handle is returned.
        /// </summary>
        public int AuthenticateAsServer(int socketHandle, X509Certificate certificate, SslProtocols sslProtocols)
        {
            var s = Get(socketHandle);
            lock (s)
            {
                if (s.Secure) return socketHandle;
            }
            throw new NotSupportedException("the ESP terminates TLS: set SslServer = true before Listen (the certificate comes from the ESP's server_cert)");
        }

        /// <summary>Reads from a TLS socket (the ESP decrypted it).</summary>
        public int SecureRead(int handle, byte[] buffer, int offset, int count)
        {
            return Receive(handle, buffer, offset, count, SocketFlags.None);
        }

        /// <summary>Writes to a TLS socket (the ESP encrypts it).</summary>
        public int SecureWrite(int handle, byte[] buffer, int offset, int count)
        {
            return Send(handle, buffer, offset, count, SocketFlags.None);
        }

        // ---- helpers (callers hold the socket's lock) ----

        // Handles count up from 1 and wrap to 1, so none is ever -1 (TinyCLR's "closed").
        private ProviderSocket AddSocket(SocketType type)
        {
            lock (gate)
            {
                int handle = nextHandle;
                nextHandle = nextHandle == int.MaxValue ? 1 : nextHandle + 1;
                var s = new ProviderSocket(handle, type);
                sockets[handle] = s;
                return s;
            }
        }

        private ProviderSocket Get(int handle)
        {
            lock (gate)
            {
                var s = (ProviderSocket)sockets[handle];
                if (s == null) throw SocketErrors.Create(SocketError.NotSocket);
                return s;
            }
        }

        private void EnsureConnected(ProviderSocket s)
        {
            if (!s.ConnectPending) return;
            try
            {
                s.LinkId = Table.OpenTcp(SocketAddressCodec.Format(s.RemoteAddress), s.RemotePort, ConnectTimeoutMs);
            }
            catch (Exception e)
            {
                s.ConnectPending = false;
                throw Fail(s, e, SocketError.ConnectionRefused);
            }
            s.ConnectPending = false;
            ApplyTcpOptions(s);
        }

        private void OpenUdp(ProviderSocket s, uint ip, int port)
        {
            try
            {
                s.LinkId = Table.OpenUdp(SocketAddressCodec.Format(ip), port, s.BoundPort, ConnectTimeoutMs);
            }
            catch (Exception e)
            {
                throw Fail(s, e, SocketError.NetworkUnreachable);
            }
        }

        private int ReceiveLocked(ProviderSocket s, byte[] buffer, int offset, int count)
        {
            if (s.Eof) return EndOfStream;
            if (count == 0) return 0;
            try
            {
                int n = Table.Receive(s.LinkId, buffer, offset, count, WaitQuantumMs);
                if (n > 0) return n;
                // The table freed the id at end of stream: forget it, so a later Close cannot touch its next owner.
                s.Eof = true;
                s.LinkId = -1;
                return EndOfStream;
            }
            catch (AtTimeoutException)
            {
                return NoData;
            }
            catch (Exception e)
            {
                throw Fail(s, e, SocketError.ConnectionReset);
            }
        }

        private void ApplyTcpOptions(ProviderSocket s)
        {
            if (!s.NoDelay && !s.KeepAlive) return; // the ESP's defaults: Nagle on, no keep-alive
            try
            {
                Table.SetTcpOptions(s.LinkId, s.NoDelay, s.KeepAlive ? KeepAliveIdleSeconds : 0);
            }
            catch (AtCommandException e)
            {
                Note("CIPTCPOPT on link " + s.LinkId + ": " + e.Message); // an optimisation only
            }
        }

        private void QueryEndpoints(ProviderSocket s)
        {
            uint remote;
            int remotePort;
            int localPort;
            if (Table.QueryEndpoints(s.LinkId, out remote, out remotePort, out localPort))
            {
                s.RemoteAddress = remote;
                s.RemotePort = remotePort;
                s.RemoteKnown = true;
            }
        }

        /// <summary>Maps a library failure to the SocketError TinyCLR code expects and remembers it for GetOption(Error).</summary>
        private SocketException Fail(ProviderSocket s, Exception e, SocketError fallback)
        {
            var error = fallback;
            if (e is SocketException) return (SocketException)e;
            if (e is LinkResetException) error = SocketError.ConnectionReset;
            else if (e is AtTimeoutException) error = SocketError.TimedOut;
            else if (e is AtBusyException) error = SocketError.TryAgain;
            else if (e is AtRebootedException) error = SocketError.NetworkReset;
            else if (e is ArgumentException) error = SocketError.InvalidArgument;
            else if (e is InvalidOperationException && e.Message.IndexOf("in use") >= 0) error = SocketError.TooManyOpenSockets;
            else if (e is InvalidOperationException) error = SocketError.NotConnected;
            s.Error = (int)error;
            Note("socket " + s.Handle + ": " + error + " (" + e.Message + ")");
            return SocketErrors.Create(error);
        }
    }
}
