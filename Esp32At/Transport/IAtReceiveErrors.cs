namespace Esp32At.Transport
{
    /// <summary>
    /// Optional on an <see cref="IAtTransport"/>: tells the AT engine that bytes from the ESP were lost or damaged
    /// before it read them (a UART overrun, a full driver buffer, a framing error). The engine looks at
    /// <see cref="ReceiveErrors"/> after every read and, when it grew, raises <c>AtExecutor.ReceiveLost</c>: the links
    /// layer then fails the links whose data may have been in the lost bytes instead of handing out a stream with a hole.
    /// </summary>
    public interface IAtReceiveErrors
    {
        /// <summary>
        /// A count that grows whenever received bytes were lost or damaged and never decreases. The unit is the
        /// transport's (error events, or bytes): only a change matters.
        /// </summary>
        int ReceiveErrors { get; }
    }
}
