namespace Esp32At.CircuitPython
{
    /// <summary>
    /// The errno numbers <see cref="OSError"/> carries, with CircuitPython's (MicroPython's <c>mperrno.h</c>) values,
    /// so code that compares <c>e.Errno</c> with <c>errno.ETIMEDOUT</c> ports unchanged.
    /// </summary>
    public static class Errno
    {
        /// <summary>The link was closed under the socket, or the socket was closed or detached by wrap.</summary>
        public const int EBADF = 9;
        /// <summary>Non-blocking (timeout 0) operation with nothing to do yet.</summary>
        public const int EAGAIN = 11;
        /// <summary>Same as <see cref="EAGAIN"/> (the core uses the same number).</summary>
        public const int EWOULDBLOCK = 11;
        /// <summary>Bad argument (e.g. listen without bind, accept on a socket that does not listen).</summary>
        public const int EINVAL = 22;
        /// <summary>All ESP-AT link ids are in use ("Out of sockets").</summary>
        public const int EMFILE = 24;
        /// <summary>Send after the peer closed the connection.</summary>
        public const int EPIPE = 32;
        /// <summary>A datagram larger than the firmware's send limit.</summary>
        public const int EMSGSIZE = 90;
        /// <summary>An option <see cref="Socket.SetSockOpt"/> does not know.</summary>
        public const int ENOPROTOOPT = 92;
        /// <summary>Not possible over ESP-AT (or not for this socket type).</summary>
        public const int EOPNOTSUPP = 95;
        /// <summary>The ESP runs one server and it already listens.</summary>
        public const int EADDRINUSE = 98;
        /// <summary>TLS handshake failed (certificate not trusted, name mismatch, protocol error).</summary>
        public const int ECONNABORTED = 103;
        /// <summary>The link was reset: the ESP rebooted, a send failed, or the connection broke.</summary>
        public const int ECONNRESET = 104;
        /// <summary>Already connected.</summary>
        public const int EISCONN = 106;
        /// <summary>Not connected.</summary>
        public const int ENOTCONN = 107;
        /// <summary>A receive, accept or connect with a positive timeout ran out.</summary>
        public const int ETIMEDOUT = 110;
        /// <summary>The ESP could not open the connection (refused, unreachable, or no Wi-Fi).</summary>
        public const int ECONNREFUSED = 111;
        /// <summary>Host not found (<see cref="GaiError"/>, <see cref="SocketPool.EAI_NONAME"/>).</summary>
        public const int EAI_NONAME = -2;

        /// <summary>The symbolic name of <paramref name="errno"/> (e.g. "ETIMEDOUT"), or its number as text.</summary>
        public static string NameOf(int errno)
        {
            switch (errno)
            {
                case EBADF: return "EBADF";
                case EAGAIN: return "EAGAIN";
                case EINVAL: return "EINVAL";
                case EMFILE: return "EMFILE";
                case EPIPE: return "EPIPE";
                case EMSGSIZE: return "EMSGSIZE";
                case ENOPROTOOPT: return "ENOPROTOOPT";
                case EOPNOTSUPP: return "EOPNOTSUPP";
                case EADDRINUSE: return "EADDRINUSE";
                case ECONNABORTED: return "ECONNABORTED";
                case ECONNRESET: return "ECONNRESET";
                case EISCONN: return "EISCONN";
                case ENOTCONN: return "ENOTCONN";
                case ETIMEDOUT: return "ETIMEDOUT";
                case ECONNREFUSED: return "ECONNREFUSED";
                case EAI_NONAME: return "EAI_NONAME";
                default: return errno.ToString();
            }
        }
    }
}
