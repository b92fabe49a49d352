namespace Esp32At.Demos.HttpClient
{
    /// <summary>Takes a response body as it arrives, so a large download need not fit in memory.</summary>
    public interface IBodySink
    {
        /// <summary><paramref name="count"/> more body bytes; <paramref name="total"/> is the expected length or -1.</summary>
        void OnBody(byte[] buffer, int offset, int count, long total);
    }
}
