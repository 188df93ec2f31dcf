SELECT s.name AS SchemaName, o.name AS TableName, RTRIM(o.type) AS ObjectType,
       c.name AS ColumnName, t.name AS TypeName, CAST(c.max_length AS int) AS MaxLength,
       CAST(c.precision AS int) AS Precision, CAST(c.scale AS int) AS Scale,
       CAST(c.is_nullable AS int) AS IsNullable, CAST(c.is_computed AS int) AS IsComputed
FROM sys.objects AS o
JOIN sys.schemas AS s ON s.schema_id = o.schema_id
JOIN sys.columns AS c ON c.object_id = o.object_id
JOIN sys.types AS t ON t.user_type_id = c.user_type_id
WHERE o.type IN ('U', 'V') AND o.is_ms_shipped = 0
ORDER BY s.name, o.name, c.column_id
