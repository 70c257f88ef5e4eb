namespace Grid.Bgp.Bmp.Parser;

/// <summary>A message's content is malformed; the message is reported and skipped, the stream goes on.</summary>
internal sealed class BmpDecodeException(string reason) : Exception(reason);
