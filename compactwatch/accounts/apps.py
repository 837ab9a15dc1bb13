from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "compactwatch.accounts"
    verbose_name = "Accounts, roles and country scopes"
