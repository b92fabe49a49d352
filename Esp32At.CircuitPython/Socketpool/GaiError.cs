using System;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// <c>socketpool.SocketPool.gaierror</c>: a host name did not resolve (<see cref="OSError.Errno"/> is
    /// <see cref="SocketPool.EAI_NONAME"/>, message "Name or service not known").
    /// </summary>
    public class GaiError : OSError
    {
        /// <summary>The error for <paramref name="host"/>.</summary>
        public GaiError(string host, Exception inner)
            : base(SocketPool.EAI_NONAME, "Name or service not known: " + host, inner)
        {
            Host = host;
        }

        /// <summary>The name that did not resolve.</summary>
        public string Host { get; private set; }
    }
}
