using System;

namespace Millwright.Protocol;

/// <summary>
/// The one exception type that every decoder and verifier of the protocol library throws for bad input.
/// <see cref="Error"/> says what was wrong, so a controller can quarantine with a reason.
/// </summary>
public class ProtocolException : Exception
{
    public ProtocolException(ProtocolError error, string message)
        : base(message)
    {
        Error = error;
    }

    public ProtocolError Error { get; private set; }
}
