using System;
using System.Net.Sockets;
using Esp32At.Links;

namespace Esp32At.TinyCLR.Provider
{
    // Error mapping: a library failure becomes the SocketError TinyCLR code expects.
    public sealed partial class Esp32AtNetworkProvider
    {
        /// <summary>Maps a library failure to the SocketError TinyCLR code expects and remembers it for GetOption(Error).</summary>
        private SocketException Fail(ProviderSocket s, Exception e, SocketError fallback)
        {
            if (e is SocketException) return (SocketException)e;
            var error = SocketErrorOf(LinkFailures.Classify(e), fallback);
            s.Error = (int)error;
            Note("socket " + s.Handle + ": " + error + " (" + e.Message + ")");
            return SocketErrors.Create(error);
        }

        private static SocketError SocketErrorOf(LinkFailure failure, SocketError fallback)
        {
            switch (failure)
            {
                case LinkFailure.Reset: return SocketError.ConnectionReset;
                case LinkFailure.TimedOut: return SocketError.TimedOut;
                case LinkFailure.Busy: return SocketError.TryAgain;
                case LinkFailure.Rebooted: return SocketError.NetworkReset;
                case LinkFailure.InvalidArgument: return SocketError.InvalidArgument;
                case LinkFailure.NoFreeLink: return SocketError.TooManyOpenSockets;
                case LinkFailure.InvalidState: return SocketError.NotConnected;
                default: return fallback;
            }
        }
    }
}
