from django.urls import path

from compactwatch.accounts import second_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", second_factor_views.sign_in_code, name="login-code"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("tokens/new/", views.new_token, name="new-token"),
    path("second-factor/", second_factor_views.enrol, name="second-factor-enrol"),
    path("second-factor/remove/", second_factor_views.remove, name="second-factor-remove"),
    path("invitation/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
]
