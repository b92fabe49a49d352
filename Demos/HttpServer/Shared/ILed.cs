namespace Esp32At.Demos.HttpServer
{
    /// <summary>The LED the API switches: a GPIO on the board, a simulated one on the host.</summary>
    public interface ILed
    {
        /// <summary>Whether it is lit.</summary>
        bool On { get; set; }
    }
}
