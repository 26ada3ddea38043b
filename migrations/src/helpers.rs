use sea_orm_migration::prelude::*;

/// `CREATE TABLE IF NOT EXISTS` with an integer auto-increment `id`.
pub fn table(name: &'static str) -> TableCreateStatement {
    Table::create()
        .table(name)
        .if_not_exists()
        .col(sea_orm_migration::schema::pk_auto("id"))
        .take()
}

/// A foreign key `table.column -> target.id`; deleting the target is refused while rows point to it.
pub fn fk(
    table: &'static str,
    column: &'static str,
    target: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

/// A foreign key whose rows disappear with their parent (children that mean nothing alone).
pub fn fk_cascade(
    table: &'static str,
    column: &'static str,
    target: &'static str,
) -> ForeignKeyCreateStatement {
    let mut key = fk(table, column, target);
    key.on_delete(ForeignKeyAction::Cascade);
    key
}

pub fn index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement
        .name(format!("idx_{table}_{}", columns.join("_")))
        .table(table)
        .if_not_exists();
    for column in columns {
        statement.col(*column);
    }
    statement.take()
}

pub fn unique(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut statement = index(table, columns);
    statement
        .name(format!("uq_{table}_{}", columns.join("_")))
        .unique();
    statement
}

pub async fn create(
    manager: &SchemaManager<'_>,
    table: TableCreateStatement,
    indexes: Vec<IndexCreateStatement>,
) -> Result<(), DbErr> {
    manager.create_table(table).await?;
    for index in indexes {
        manager.create_index(index).await?;
    }
    Ok(())
}

pub async fn drop(manager: &SchemaManager<'_>, tables: &[&'static str]) -> Result<(), DbErr> {
    for name in tables {
        manager
            .drop_table(Table::drop().table(*name).if_exists().take())
            .await?;
    }
    Ok(())
}
