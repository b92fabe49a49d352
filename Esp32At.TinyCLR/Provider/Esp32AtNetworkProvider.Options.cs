using System.Net.Sockets;
using Esp32At.Engine;

namespace Esp32At.TinyCLR.Provider
{
    // Socket options: stored for TinyCLR's managed timeouts, or sent to the ESP as AT+CIPTCPOPT (KeepAlive, NoDelay).
    public sealed partial class Esp32AtNetworkProvider
    {
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
    }
}
