using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Millwright.NanoGate;

/// <summary>
/// Walks a method body's IL: the tokens it uses, the instructions nanoCLR does not implement, and the size the
/// MetadataProcessor's byte code will have (tokens and branch offsets shrink to 16 bits there).
/// </summary>
internal static class IlScanner
{
    private static readonly OpCode?[] OneByte = new OpCode?[256];
    private static readonly OpCode?[] TwoByte = new OpCode?[256];

    // nf-interpreter src/CLR/Core/Interpreter.cpp: "Unsupported opcodes" → CLR_E_UNSUPPORTED_INSTRUCTION.
    private static readonly HashSet<short> Unsupported = new()
    {
        OpCodes.Arglist.Value, OpCodes.Cpblk.Value, OpCodes.Jmp.Value, OpCodes.Initblk.Value, OpCodes.Calli.Value,
        OpCodes.Ckfinite.Value, OpCodes.Localloc.Value, OpCodes.Mkrefany.Value, OpCodes.Refanytype.Value,
        OpCodes.Refanyval.Value, OpCodes.Readonly.Value,
    };

    static IlScanner()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var opcode = (OpCode)field.GetValue(null)!;
            if (opcode.Size == 1)
            {
                OneByte[opcode.Value & 0xff] = opcode;
            }
            else
            {
                TwoByte[opcode.Value & 0xff] = opcode;
            }
        }
    }

    public static IlScan Scan(BlobReader il)
    {
        var scan = new IlScan();
        while (il.RemainingBytes > 0)
        {
            var first = il.ReadByte();
            var opcode = first == 0xfe ? TwoByte[il.ReadByte()] : OneByte[first];
            if (opcode is null)
            {
                scan.Unsupported.Add($"unknown opcode 0x{first:x2}");
                return scan;
            }

            var op = opcode.Value;
            if (Unsupported.Contains(op.Value))
            {
                scan.Unsupported.Add(op.Name ?? op.Value.ToString("x4"));
            }

            scan.NanoByteCodeSize += op.Size + ReadOperand(ref il, op, scan);
        }

        return scan;
    }

    /// <summary>Reads the operand; returns its size in nanoFramework byte code.</summary>
    private static int ReadOperand(ref BlobReader il, OpCode op, IlScan scan)
    {
        switch (op.OperandType)
        {
            case OperandType.InlineNone:
                return 0;
            case OperandType.ShortInlineBrTarget:
            case OperandType.ShortInlineI:
            case OperandType.ShortInlineVar:
                il.ReadByte();
                return 1;
            case OperandType.InlineVar:
                il.ReadUInt16();
                return 2;
            case OperandType.InlineBrTarget:
                il.ReadInt32();
                return 2;
            case OperandType.InlineI:
            case OperandType.ShortInlineR:
                il.ReadInt32();
                return 4;
            case OperandType.InlineI8:
            case OperandType.InlineR:
                il.ReadInt64();
                return 8;
            case OperandType.InlineString:
                scan.Strings.Add(MetadataTokens.UserStringHandle(il.ReadInt32() & 0x00ffffff));
                return 2;
            case OperandType.InlineSig:
                il.ReadInt32();
                return 0;
            case OperandType.InlineSwitch:
                var targets = il.ReadInt32();
                for (var i = 0; i < targets; i++)
                {
                    il.ReadInt32();
                }

                scan.LargestSwitch = Math.Max(scan.LargestSwitch, targets);
                return 1 + (2 * targets);
            case OperandType.InlineTok:
                scan.Tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                return 4;
            default:
                // InlineField, InlineMethod, InlineType: compressed to 16-bit references.
                scan.Tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                return 2;
        }
    }
}
