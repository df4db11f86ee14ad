namespace Millwright.NanoGate;

/// <summary>One thing in an assembly that nanoFramework v1 cannot run: where it is, which rule, and why.</summary>
/// <param name="Subject">The type, member or assembly that holds it, e.g. <c>Millwright.Protocol.Cbor.CborWriter.WriteInt</c>.</param>
/// <param name="Code">A stable rule code (see <see cref="GateRules"/>).</param>
/// <param name="Message">The rule and the offending construct, e.g. <c>generic method definition (nanoFramework v1 cannot run generics)</c>.</param>
public sealed record GateViolation(string Subject, string Code, string Message)
{
    public override string ToString() => $"{Subject}: {Message}";
}
