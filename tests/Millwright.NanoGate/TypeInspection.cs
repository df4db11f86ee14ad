using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Millwright.NanoGate;

/// <summary>Checks one type definition: its shape, base types, fields, methods, properties, events and attributes.</summary>
internal sealed class TypeInspection
{
    private readonly AssemblyInspection _assembly;
    private readonly MetadataReader _reader;
    private readonly TypeDefinitionHandle _handle;
    private readonly TypeDefinition _type;
    private readonly string _subject;

    public TypeInspection(AssemblyInspection assembly, TypeDefinitionHandle handle)
    {
        _assembly = assembly;
        _reader = assembly.Reader;
        _handle = handle;
        _type = _reader.GetTypeDefinition(handle);
        _subject = MetadataNames.Of(_reader, handle);
    }

    public void Run()
    {
        // Row 1 is <Module>, which holds only global members.
        var isModuleType = _handle == MetadataTokens.TypeDefinitionHandle(1);
        if (!isModuleType)
        {
            _assembly.CountType();
        }

        _assembly.NoteString(_reader.GetString(_type.Name));
        _assembly.NoteString(_reader.GetString(_type.Namespace));
        if (_type.GetGenericParameters().Count > 0)
        {
            _assembly.Add(GateRules.GenericTypeDefinition(_subject));
        }

        _assembly.Use(_subject, _type.BaseType);
        foreach (var handle in _type.GetInterfaceImplementations())
        {
            var implementation = _reader.GetInterfaceImplementation(handle);
            _assembly.Use(_subject, implementation.Interface);
            _assembly.CheckAttributes(_subject, implementation.GetCustomAttributes());
        }

        CheckFields();
        CheckMethods();
        foreach (var handle in _type.GetMethodImplementations())
        {
            var implementation = _reader.GetMethodImplementation(handle);
            _assembly.Use(_subject, implementation.MethodDeclaration);
            _assembly.Use(_subject, implementation.MethodBody);
        }

        CheckProperties();
        CheckEvents();
        _assembly.CheckAttributes(_subject, _type.GetCustomAttributes());
    }

    private void CheckFields()
    {
        int statics = 0, instances = 0;
        foreach (var handle in _type.GetFields())
        {
            var field = _reader.GetFieldDefinition(handle);
            var subject = _subject + "." + _reader.GetString(field.Name);
            _assembly.NoteString(_reader.GetString(field.Name));
            if ((field.Attributes & FieldAttributes.Literal) != 0)
            {
                // Constants are folded into IL by the compiler; nothing of them runs on the device.
                continue;
            }

            if ((field.Attributes & FieldAttributes.Static) != 0)
            {
                statics++;
            }
            else
            {
                instances++;
            }

            var text = _assembly.References.NewSignatureText();
            field.DecodeSignature(text, null);
            _assembly.AddAll(subject, text.Findings);
            _assembly.CheckAttributes(subject, field.GetCustomAttributes());
        }

        _assembly.CheckByteCount(_subject, "static fields", statics);
        _assembly.CheckByteCount(_subject, "instance fields", instances);
    }

    private void CheckMethods()
    {
        var isInterface = (_type.Attributes & TypeAttributes.Interface) != 0;
        int virtuals = 0, instances = 0, statics = 0;
        foreach (var handle in _type.GetMethods())
        {
            var attributes = _reader.GetMethodDefinition(handle).Attributes;
            if ((attributes & MethodAttributes.Virtual) != 0)
            {
                virtuals++;
            }
            else if ((attributes & MethodAttributes.Static) != 0)
            {
                statics++;
            }
            else
            {
                instances++;
            }

            new MethodInspection(_assembly, handle, isInterface).Run();
        }

        _assembly.CheckByteCount(_subject, "virtual methods", virtuals);
        _assembly.CheckByteCount(_subject, "instance methods", instances);
        _assembly.CheckByteCount(_subject, "static methods", statics);
    }

    private void CheckProperties()
    {
        foreach (var handle in _type.GetProperties())
        {
            var property = _reader.GetPropertyDefinition(handle);
            var subject = _subject + "." + _reader.GetString(property.Name);
            var text = _assembly.References.NewSignatureText();
            property.DecodeSignature(text, null);
            _assembly.AddAll(subject, text.Findings);
            _assembly.CheckAttributes(subject, property.GetCustomAttributes());
        }
    }

    private void CheckEvents()
    {
        foreach (var handle in _type.GetEvents())
        {
            var declaredEvent = _reader.GetEventDefinition(handle);
            var subject = _subject + "." + _reader.GetString(declaredEvent.Name);
            _assembly.Use(subject, declaredEvent.Type);
            _assembly.CheckAttributes(subject, declaredEvent.GetCustomAttributes());
        }
    }
}
